import iconUrl from '../../../assets/icon.svg?url';

/**
 * The app's icon (a monitor with a pulse line), for the header. The same file the installer's
 * icon is rendered from (scripts/render-icon.sh), so the window and the app look like one thing.
 * Decorative: the app's name is always written beside it.
 */
export function AppIcon({ size = 28 }: { size?: number }) {
  return <img className="app-icon" src={iconUrl} alt="" width={size} height={size} />;
}
