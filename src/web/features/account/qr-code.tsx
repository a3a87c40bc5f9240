/**
 * A QR code drawn here from the server's module rows ('1' dark), so the secret never goes to an image service. Dark
 * on white with the standard four-module quiet zone, whatever the colour scheme, so every camera app can read it.
 */
export function QrCode({ rows, label }: { rows: string[]; label: string }) {
  const size = rows.length;
  const quiet = 4;
  let path = '';
  rows.forEach((row, y) => {
    // One rectangle per run of dark modules keeps the path short.
    for (let x = 0; x < row.length;) {
      if (row[x] !== '1') {
        x++;
        continue;
      }
      let end = x;
      while (row[end] === '1') end++;
      path += `M${x + quiet} ${y + quiet}h${end - x}v1h${x - end}z`;
      x = end;
    }
  });
  const total = size + quiet * 2;
  return (
    <svg
      className="account-qr"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${total} ${total}`}
      width="220"
      height="220"
      shapeRendering="crispEdges"
    >
      <rect width={total} height={total} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}
