// DOM helpers. Every string from a state, a request or a result goes in as text
// (textContent / attribute values), never as HTML.

// el("td", { class: "x", title: "…" }, "text", childNode, …)
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key === "value") node.value = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export function replaceChildren(node, ...children) {
  clear(node);
  append(node, children);
  return node;
}

export const $ = (selector, root = document) => root.querySelector(selector);

// Fills a <datalist> with { value, label } options (at most `limit`).
export function fillDatalist(list, options, limit = 400) {
  clear(list);
  const n = Math.min(options.length, limit);
  for (let i = 0; i < n; i++) {
    const o = options[i];
    list.appendChild(el("option", { value: o.value, label: o.label ?? undefined }));
  }
}

// A short, single-line rendering of any JSON value for tables and snippets.
export function shortJson(value, max = 160) {
  let text = value === undefined ? "(absent)" : JSON.stringify(value);
  if (text === undefined) text = String(value);
  return text.length > max ? text.slice(0, max - 1) + "…" : text;
}
