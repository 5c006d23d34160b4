import { encode } from 'uqr';

/** Where a QR code points: the public notice page, generic text only, no personal data. */
export function publicNoticeUrl(origin: string, language: string, noticeKey: string): string {
  return `${origin}/n/${encodeURIComponent(language)}/${encodeURIComponent(noticeKey)}`;
}

// A QR code points at a language's public page, so 10,000 handouts share a few dozen codes: each is
// encoded once per page load, not once per handout.
const encoded = new Map<string, { path: string; modules: number }>();

function qrPath(value: string): { path: string; modules: number } {
  const known = encoded.get(value);
  if (known) return known;
  const qr = encode(value, { ecc: 'M', border: 4 });
  let d = '';
  qr.data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    });
  });
  const made = { path: d, modules: qr.size };
  encoded.set(value, made);
  return made;
}

/** A QR code as an SVG element (one path; no innerHTML, nothing inline the CSP would refuse). */
export function QrCode({ value, label, size = 200 }: { value: string; label: string; size?: number }) {
  const { path, modules } = qrPath(value);
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${modules} ${modules}`}
      width={size}
      height={size}
      shapeRendering="crispEdges"
      data-qr-value={value}
    >
      <rect width={modules} height={modules} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
