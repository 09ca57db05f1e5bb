// A tiny element builder: text goes in as text nodes, never as HTML, so record data cannot inject markup.

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | ((e: Event) => void) | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children)
    if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

/** A labelled input with a place for its error message (aria-describedby links the two). */
export function field(
  name: string,
  label: string,
  input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  hint?: string,
  control: (input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement) => Node = (i) => i,
): HTMLElement {
  input.id = `f-${name}`;
  input.name = name;
  input.setAttribute('aria-describedby', `e-${name}`);
  // A required field's label carries a star (the form's note says what it means; screen readers hear
  // "required" from the attribute itself, so the star is hidden from them).
  const star = input.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: `f-${name}` }, label, star),
    control(input),
    hint ? h('small', {}, hint) : null,
    h('span', { class: 'error', id: `e-${name}`, 'data-error-for': name }),
  );
}

/**
 * A file input with our own button and file name, in the console's language: the browser draws its own
 * ("Choose File", "No file chosen") in its interface language, whatever the page's. The input stays in the
 * page, focusable and labelled, only out of sight (styles/forms.css).
 */
export function filePicker(input: HTMLInputElement, choose: string, none: string): HTMLElement {
  const chosen = h('span', { class: 'file-name' }, none);
  input.addEventListener('change', () => {
    chosen.textContent = input.files?.[0]?.name ?? none;
  });
  return h(
    'span',
    { class: 'file-picker' },
    input,
    h('label', { class: 'button', for: input.id }, choose),
    ' ',
    chosen,
  );
}

/**
 * Gives each cell its column's heading (data-label) so that, on a narrow screen, a table of class `cards`
 * shows each row as a card of labelled values (styles/lists.css). Run again after rows are appended.
 */
export function labelCells(table: HTMLTableElement): void {
  const headings = [...(table.rows[0]?.cells ?? [])].map((c) => c.textContent ?? '');
  for (const row of [...table.rows].slice(1))
    [...row.cells].forEach((cell, i) => {
      if (headings[i]) cell.dataset.label = headings[i];
    });
}

/** A control in a search or filter bar with its label visible above it (not only read out). */
export function labelled(text: string, control: HTMLElement): HTMLElement {
  control.removeAttribute('aria-label');
  return h('label', { class: 'inline-field' }, h('span', {}, text), control);
}

export function showErrors(
  form: HTMLElement,
  fields: { field: string; message: string }[],
  fallback: string,
): void {
  for (const el of form.querySelectorAll<HTMLElement>('[data-error-for]')) el.textContent = '';
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  let placed = false;
  const elsewhere: string[] = [];
  for (const f of fields) {
    const slot = form.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(f.field)}"]`);
    if (slot) {
      slot.textContent = f.message;
      form.querySelector(`[name="${CSS.escape(f.field)}"]`)?.setAttribute('aria-invalid', 'true');
      placed = true;
    } else elsewhere.push(f.message);
  }
  // The summary line always says what went wrong; field messages sit next to their fields when there are any,
  // and in the summary when the form has no such field (a portrait asked for on the application page).
  const general = form.querySelector<HTMLElement>('[data-error-for="_form"]');
  if (general)
    general.textContent = [placed ? fallback : '', ...elsewhere].filter(Boolean).join(' ') || fallback;
  if (placed) form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}

/** replaceChildren that skips null, undefined and false. */
export function put(el: Element, ...children: Child[]): void {
  el.replaceChildren(
    ...children
      .filter((c): c is Node | string | number => c !== null && c !== undefined && c !== false)
      .map((c) => (c instanceof Node ? c : String(c))),
  );
}

/** append that skips null, undefined and false. */
export function add(el: Element, ...children: Child[]): void {
  for (const c of children)
    if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
}
