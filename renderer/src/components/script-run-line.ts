/** The one way the wizard writes the line that runs a saved script in its folder on the server. */
export const scriptRunLine = (fileName: string, ...switches: string[]) =>
  [`powershell.exe -NoProfile -ExecutionPolicy Bypass -File .\\${fileName}`, ...switches].join(' ');
