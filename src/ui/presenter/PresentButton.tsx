import { PRESENTER } from '../../i18n/presenter';
import { useAppState } from '../context';
import { enterPresenter } from './state';

/** The top bar's way into presenter mode (the key is P). */
export function PresentButton() {
  const lang = useAppState((s) => s.lang);
  const P = PRESENTER[lang];
  return (
    <button
      type="button"
      onClick={() => void enterPresenter()}
      aria-keyshortcuts="P"
      title={P.presentHint}
      data-testid="present"
    >
      {P.present}
    </button>
  );
}
