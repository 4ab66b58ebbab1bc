// A small well-formedness check for the XML and SVG the report writes: every tag closed in order,
// attributes quoted, entities known. Not a validator; enough to catch a broken file.

const NAME = '[A-Za-z_][\\w.:-]*';
const TAG = new RegExp(`<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`, 'y');
const ENTITY = /^&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/;

export function checkWellFormed(xml: string): void {
  const stack: string[] = [];
  let i = 0;
  let roots = 0;
  while (i < xml.length) {
    if (xml[i] !== '<' && xml[i] !== '&') {
      // Text runs to the next tag or entity.
      let next = i;
      while (next < xml.length && xml[next] !== '<' && xml[next] !== '&') next += 1;
      if (stack.length === 0 && xml.slice(i, next).trim() !== '') throw new Error(`text outside the root element at ${i}`);
      i = next;
      continue;
    }
    const rest = xml.slice(i, i + 80);
    if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i);
      if (end < 0) throw new Error('unclosed processing instruction');
      i = end + 2;
    } else if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i);
      if (end < 0) throw new Error('unclosed comment');
      i = end + 3;
    } else if (xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i);
      if (end < 0) throw new Error('unclosed CDATA');
      i = end + 3;
    } else if (xml[i] === '<') {
      TAG.lastIndex = i;
      const m = TAG.exec(xml);
      if (!m) throw new Error(`bad tag at ${i}: ${rest.slice(0, 80)}`);
      const [whole, closing, name, , selfClosing] = m;
      if (closing) {
        const open = stack.pop();
        if (open !== name) throw new Error(`</${name}> closes <${open ?? 'nothing'}> at ${i}`);
      } else if (!selfClosing) {
        if (stack.length === 0) roots += 1;
        stack.push(name!);
      } else if (stack.length === 0) roots += 1;
      i += whole.length;
    } else {
      if (!ENTITY.test(rest)) throw new Error(`bad entity at ${i}: ${rest.slice(0, 20)}`);
      i += 1;
    }
  }
  if (stack.length) throw new Error(`unclosed <${stack.join('>, <')}>`);
  if (roots !== 1) throw new Error(`${roots} root elements`);
}
