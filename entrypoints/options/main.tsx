import './style.css';
import { hasExtensionApis, showBootFailure } from '../../components/ui/boot';

// The app (and webextension-polyfill with it) loads only where extension APIs exist.
const root = document.getElementById('root');
if (root) {
  if (hasExtensionApis()) {
    root.replaceChildren(); // the static "could not start" fallback in index.html
    import('./app')
      .then(({ mount }) => mount(root))
      .catch((error: unknown) =>
        showBootFailure(root, error instanceof Error ? error.message : String(error)),
      );
  } else {
    showBootFailure(root);
  }
}
