/**
 * The only links the app hands to the user's browser: Microsoft's documentation, over https,
 * without credentials in the URL. Anything else a page might try to open (a file, another
 * scheme, a look-alike host) is refused; shell.openExternal would otherwise run it.
 */
const HELP_HOST = 'learn.microsoft.com';

export function isHelpLink(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.hostname === HELP_HOST && url.port === '' && url.username === '' && url.password === '';
}
