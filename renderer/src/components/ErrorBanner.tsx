import type { ErrorInfo } from '../../../shared/results';

const titles: Partial<Record<ErrorInfo['kind'], string>> = {
  'bad-request': 'That request was not accepted',
  timeout: 'PowerShell took too long',
  crashed: 'PowerShell stopped unexpectedly',
  unavailable: 'Not available on this computer',
  cancelled: 'Cancelled',
};

export function ErrorBanner({ error }: { error: ErrorInfo }) {
  return (
    <div className="banner banner-error" role="alert">
      <strong>{titles[error.kind] ?? 'Something went wrong'}</strong>
      <p>{error.message}</p>
    </div>
  );
}
