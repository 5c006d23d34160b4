import { useMemo } from 'react';
import { encode } from 'uqr';

/** Where a QR code points: the public notice page, generic text only, no personal data. */
export function publicNoticeUrl(origin: string, language: string, noticeKey: string): string {
  return `${origin}/n/${encodeURIComponent(language)}/${encodeURIComponent(noticeKey)}`;
}

/** A QR code as an SVG element (one path; no innerHTML, nothing inline the CSP would refuse). */
export function QrCode({ value, label, size = 200 }: { value: string; label: string; size?: number }) {
  const { path, modules } = useMemo(() => {
    const qr = encode(value, { ecc: 'M', border: 4 });
    let d = '';
    qr.data.forEach((row, y) => {
      row.forEach((dark, x) => {
        if (dark) d += `M${x} ${y}h1v1h-1z`;
      });
    });
    return { path: d, modules: qr.size };
  }, [value]);
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
