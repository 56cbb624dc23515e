/** The shortest password a person may choose; the server refuses shorter ones and the messages name it. */
export const MIN_PASSWORD_LENGTH = 12;
