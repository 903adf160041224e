/**
 * Copy buttons on code examples. navigator.clipboard needs a secure context; pages opened from
 * disk or plain http may not be one, so fall back to a selection and execCommand('copy').
 */
export function addCopyButtons(root: Document): void {
  for (const pre of Array.from(root.querySelectorAll<HTMLPreElement>('figure.example pre'))) {
    const button = root.createElement('button');
    button.type = 'button';
    button.className = 'copy';
    button.textContent = 'Copy';
    button.setAttribute('aria-label', 'Copy this example');
    button.addEventListener('click', () => {
      const text = pre.textContent;
      copy(text).then(
        () => flash(button, 'Copied'),
        () => flash(button, 'Press Ctrl+C'),
      );
    });
    pre.parentElement?.insertBefore(button, pre);
  }
}

function copy(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  return new Promise((resolve, reject) => {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'copy-buffer';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    if (ok) resolve();
    else reject(new Error('copy refused'));
  });
}

function flash(button: HTMLButtonElement, text: string): void {
  button.textContent = text;
  window.setTimeout(() => (button.textContent = 'Copy'), 1500);
}
