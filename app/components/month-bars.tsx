import { formatMonth } from "../lib/dates";

// Wat-als uses per month as small bars, drawn on the server as SVG (ADR 018): the
// family sees at a glance that hard moments come less often. The sentence beside
// it ("mei 3 keer, juni 1 keer") says the same in words, so the bars are its picture.

const WIDTH = 320;
const HEIGHT = 96;
const BOTTOM = 18;
const TOP = 14;

export function MonthBars({ months, label, lang }: { months: { month: string; count: number }[]; label: string; lang: string }) {
  const most = Math.max(1, ...months.map((m) => m.count));
  const slot = WIDTH / months.length;
  const bar = Math.min(22, slot * 0.6);
  const height = (count: number) => ((HEIGHT - TOP - BOTTOM) * count) / most;
  return (
    <svg className="month-bars" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} direction="ltr">
      <line x1={0} x2={WIDTH} y1={HEIGHT - BOTTOM} y2={HEIGHT - BOTTOM} className="month-bars-base" />
      {months.map((m, i) => {
        const x = i * slot + (slot - bar) / 2;
        const h = height(m.count);
        return (
          <g key={m.month}>
            <rect x={x} y={HEIGHT - BOTTOM - h} width={bar} height={h} rx={2} className="month-bars-bar" />
            {m.count > 0 ? (
              <text x={x + bar / 2} y={HEIGHT - BOTTOM - h - 3} textAnchor="middle" className="month-bars-count">
                {m.count}
              </text>
            ) : null}
            <text x={x + bar / 2} y={HEIGHT - 4} textAnchor="middle" className="month-bars-month">
              {formatMonth(`${m.month}-15`, lang)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
