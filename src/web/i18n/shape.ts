/** The same nested keys as the reference catalogue, every leaf a string: a missing key is a type error. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
