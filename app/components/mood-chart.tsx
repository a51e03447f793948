import { useId } from "react";
import { useTranslation } from "../use-translation";
import type { MoodWeeks } from "../plan/progress.server";
import { addDays, dateLocale, formatDate, formatMonth } from "../lib/dates";

// "Hoe gaat het" over half a year as a small line chart, drawn on the server as SVG:
// it shows without JavaScript, prints, and says in words what it shows (the
// caption, and the numbers week by week under "Bekijk de cijfers"). The scale has
// faces beside the numbers, for those who read numbers with difficulty.

const WIDTH = 340;
const HEIGHT = 170;
const LEFT = 46;
const RIGHT = 10;
const TOP = 10;
const BOTTOM = 24;
const WEEK = 7 * 24 * 60 * 60 * 1000;

const weeksBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / WEEK);

function Face({ x, y, mood }: { x: number; y: number; mood: number }) {
  // The mouth bends up for a good week and down for a bad one.
  const bend = (mood - 3) * 2.2;
  return (
    <g aria-hidden="true" className="mood-face">
      <circle cx={x} cy={y} r={8} />
      <circle cx={x - 3} cy={y - 2.5} r={1.1} className="mood-eye" />
      <circle cx={x + 3} cy={y - 2.5} r={1.1} className="mood-eye" />
      <path d={`M ${x - 4} ${y + 3 - bend / 2} Q ${x} ${y + 3 + bend} ${x + 4} ${y + 3 - bend / 2}`} />
    </g>
  );
}

export function MoodChart({ data, title }: { data: MoodWeeks; title: string }) {
  const { t, i18n } = useTranslation("progress");
  const captionId = useId();
  const lang = i18n.language;
  const number = new Intl.NumberFormat(dateLocale(lang), { maximumFractionDigits: 1 });
  const span = Math.max(1, weeksBetween(data.from, data.to));
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const x = (monday: string) => LEFT + (weeksBetween(data.from, monday) / span) * plotWidth;
  const y = (mood: number) => TOP + ((5 - mood) / 4) * plotHeight;

  if (data.weeks.length === 0) {
    return (
      <section className="mood-chart" aria-label={title}>
        <h3>{title}</h3>
        <p>{t("chart.none")}</p>
      </section>
    );
  }

  // A line only between weeks next to each other: a week without a score is a gap.
  const segments: string[] = [];
  data.weeks.forEach((week, i) => {
    const point = `${x(week.monday).toFixed(1)},${y(week.average).toFixed(1)}`;
    const before = data.weeks[i - 1];
    if (before && weeksBetween(before.monday, week.monday) === 1) segments[segments.length - 1] += ` ${point}`;
    else segments.push(point);
  });
  const months: { at: string; label: string }[] = [];
  for (let i = 0; i <= span; i++) {
    const monday = addDays(data.from, i * 7);
    if (i === 0 || monday.slice(5, 7) !== addDays(monday, -7).slice(5, 7)) months.push({ at: monday, label: formatMonth(monday, lang) });
  }
  const average = data.weeks.reduce((sum, week) => sum + week.average * week.count, 0) / data.weeks.reduce((sum, week) => sum + week.count, 0);
  const last = data.weeks.at(-1)!;

  return (
    <figure className="mood-chart">
      <h3>{title}</h3>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={captionId} direction="ltr">
        {[1, 2, 3, 4, 5].map((mood) => (
          <g key={mood}>
            <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(mood)} y2={y(mood)} className="mood-grid" />
            <Face x={12} y={y(mood)} mood={mood} />
            <text x={32} y={y(mood) + 4} textAnchor="middle" className="mood-number">
              {mood}
            </text>
          </g>
        ))}
        {months.map((month) => (
          <text key={month.at} x={Math.min(x(month.at), WIDTH - RIGHT - 12)} y={HEIGHT - 6} className="mood-month">
            {month.label}
          </text>
        ))}
        {segments.map((points) => (
          <polyline key={points} points={points} className="mood-line" />
        ))}
        {data.weeks.map((week) => (
          <circle key={week.monday} cx={x(week.monday)} cy={y(week.average)} r={3.5} className="mood-dot" />
        ))}
      </svg>
      <figcaption id={captionId}>
        {t("chart.summary", { count: data.weeks.length, average: number.format(average), last: number.format(last.average), week: formatDate(last.monday, lang) })}
      </figcaption>
      <details>
        <summary>{t("chart.numbers")}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("chart.week")}</th>
              <th scope="col">{t("chart.score")}</th>
            </tr>
          </thead>
          <tbody>
            {data.weeks.map((week) => (
              <tr key={week.monday}>
                <td>{formatDate(week.monday, lang)}</td>
                <td>
                  {number.format(week.average)} ({t(`moodWords.${Math.round(week.average)}`)})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
