import { useState, type ReactNode } from 'react';
import type { SavedFile } from '../../../shared/saved-file';
import { useWizard } from '../store';

/**
 * "Saved to C:\Users\…\Downloads\….html" and "Open folder": the path said in full, so a helpdesk
 * tech can read it to a caller, and the folder one click away. The button names the file by the
 * id main gave it; the renderer never sends a path.
 */
export function SavedFileNote({ saved, children }: { saved: SavedFile; children?: ReactNode }) {
  const showSavedFile = useWizard((s) => s.showSavedFile);
  const [problem, setProblem] = useState('');
  return (
    <span className="saved-file" data-saved-file={saved.fileName}>
      <span>
        Saved to <code className="saved-path">{saved.path}</code>. {children}
      </span>
      <button
        type="button"
        onClick={async () => {
          setProblem('');
          const answer = await showSavedFile(saved.id);
          if (!answer.ok) setProblem(answer.error.message);
        }}
      >
        Open folder
      </button>
      {problem && <span className="saved-problem">{problem}</span>}
    </span>
  );
}
