/** The pages' only script: a copy button on each code block (the pages read the same without it). */
import './style.css';

for (const pre of document.querySelectorAll<HTMLPreElement>('.prose pre')) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'copy';
  button.textContent = document.documentElement.lang.startsWith('zh') ? '复制' : 'Copy';
  button.addEventListener('click', () => {
    void navigator.clipboard.writeText(pre.querySelector('code')?.textContent ?? pre.textContent ?? '').then(() => {
      button.dataset.done = '';
    });
  });
  pre.append(button);
}
