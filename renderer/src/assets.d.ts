// Vite turns `import x from './file.svg?url'` into the file's URL (a data: URL when small).
declare module '*.svg?url' {
  const url: string;
  export default url;
}
