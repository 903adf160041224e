/**
 * Part of the small script every page loads, and only active in --try-it builds: each operation's
 * `.try-it` block gets an "Open console" button; the console itself (assets/try-it.js, with the
 * call checker) loads the first time one is pressed, so plain reading costs nothing extra.
 */
export interface TryItApi {
  mount(container: HTMLElement): void;
}

declare global {
  interface Window {
    /** Set by assets/try-it.js. */
    pveApidocTryIt?: TryItApi;
  }
}

let loading: Promise<TryItApi> | null = null;

function load(src: string): Promise<TryItApi> {
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => (window.pveApidocTryIt ? resolve(window.pveApidocTryIt) : reject(new Error('console script did not start')));
    script.onerror = () => reject(new Error('console script failed to load'));
    document.head.appendChild(script);
  });
  return loading;
}

export function initTryIt(root: Document): void {
  for (const container of root.querySelectorAll<HTMLElement>('.try-it[data-js]')) {
    const button = root.createElement('button');
    button.type = 'button';
    button.className = 'try-it-open';
    button.textContent = `Open console for ${container.dataset['method'] ?? 'this call'}`;
    button.addEventListener('click', () => {
      button.disabled = true;
      load(container.dataset['js']!)
        .then((api) => {
          button.remove();
          api.mount(container);
        })
        .catch((error: Error) => {
          button.disabled = false;
          button.textContent = `Console unavailable: ${error.message}`;
        });
    });
    container.appendChild(button);
  }
}
