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

// The API reference's prerendered links are paths (/api/other/createpayment, readable without
// JavaScript); hydrated, Redoc routes in the fragment, so a path address becomes its fragment
// before Redoc starts (this module runs first: module scripts run in document order).
const apiPath = /^((?:\/zh)?\/api\/)(.+)$/.exec(location.pathname);
if (apiPath && !location.hash) history.replaceState(null, '', `${apiPath[1]}#/${apiPath[2]}`);
