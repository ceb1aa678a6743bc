/** Saving files from the page: text downloads, and a chart's SVG rendered to PNG. */

/** Offers `text` as a file named `name`. */
export function downloadText(name: string, text: string, type: string): void {
  downloadBlob(name, new Blob([text], { type }));
}

function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The chart's SVG in `figure`, waiting a few frames for one being drawn (up to 2 s). */
function chartSvg(figure: HTMLElement): Promise<SVGSVGElement | null> {
  return new Promise((resolve) => {
    let frames = 120;
    const look = () => {
      const svg = figure.querySelector<SVGSVGElement>('svg.recharts-surface');
      if (svg !== null || --frames <= 0) resolve(svg);
      else requestAnimationFrame(look);
    };
    look();
  });
}

/**
 * Saves the chart inside `figure` as a PNG at twice its size, on the page's background colour,
 * with its title drawn above it (a chart asked to draw just now is waited for). Resolves false
 * when there is no chart to save.
 */
export async function saveChartPng(figure: HTMLElement, name: string): Promise<boolean> {
  const svg = await chartSvg(figure);
  if (svg === null) return false;
  const { width, height } = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  inlineColours(svg, clone);
  const title = figure.querySelector('[data-chart-title]')?.textContent ?? '';
  const scale = 2;
  const header = 28;
  const canvas = document.createElement('canvas');
  canvas.width = width * scale;
  canvas.height = (height + header) * scale;
  const context = canvas.getContext('2d');
  if (context === null) return false;
  const style = getComputedStyle(figure);
  context.scale(scale, scale);
  context.fillStyle = style.backgroundColor || '#ffffff';
  context.fillRect(0, 0, width, height + header);
  context.fillStyle = style.color || '#0f172a';
  context.font = '600 14px system-ui, sans-serif';
  context.fillText(title, 8, 19);
  const image = new Image();
  const source = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(clone))}`;
  await new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the chart could not be drawn'));
    image.src = source;
  });
  context.drawImage(image, 0, header, width, height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (blob === null) return false;
  downloadBlob(name, blob);
  return true;
}

/** Copies the computed colours (CSS variables) into the clone, which leaves the page's CSS behind. */
function inlineColours(source: Element, target: Element): void {
  const style = getComputedStyle(source);
  for (const property of [
    'fill',
    'stroke',
    'stop-color',
    'font-size',
    'font-family',
    'opacity',
    'fill-opacity',
    'stroke-opacity',
  ]) {
    const value = style.getPropertyValue(property);
    if (value !== '') (target as SVGElement).style.setProperty(property, value);
  }
  for (let i = 0; i < source.children.length; i++)
    inlineColours(source.children[i]!, target.children[i]!);
}
