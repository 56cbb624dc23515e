// The one part of unzipper (exceljs's own zip reader, 0.10) the XLSX reader uses: the central directory.
declare module 'unzipper' {
  interface CentralDirectoryFile {
    path: string;
    buffer(): Promise<Buffer>;
  }
  const unzipper: { Open: { file(path: string): Promise<{ files: CentralDirectoryFile[] }> } };
  export default unzipper;
}
