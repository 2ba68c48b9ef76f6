/** Vite asset imports: `import url from './file.json?url'` gives the URL of the file in the build. */
declare module '*?url' {
  const url: string;
  export default url;
}
