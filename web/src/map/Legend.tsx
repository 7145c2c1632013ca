import './map.css';

export interface LegendClass {
  colour: string;
  label: string;
}

export interface LegendSymbol {
  shape: 'circle' | 'dashed' | 'hexagon' | 'spot' | 'dot';
  label: string;
}

/** What the colours and shapes on the map mean, in HTML (the map itself draws no text). */
export function Legend({
  title,
  classes,
  cells,
  symbols,
}: {
  title: string;
  classes: LegendClass[];
  cells?: { title: string; classes: LegendClass[] };
  symbols: LegendSymbol[];
}) {
  return (
    <div className="map-legend">
      <LegendScale title={title} classes={classes} />
      {cells && <LegendScale title={cells.title} classes={cells.classes} />}
      <LegendSymbols symbols={symbols} />
    </div>
  );
}

/** The symbols alone (black spots, incident dots…), for a map whose scale is drawn otherwise. */
export function LegendSymbols({ symbols }: { symbols: LegendSymbol[] }) {
  if (symbols.length === 0) return null;
  return (
    <ul className="legend-symbols">
      {symbols.map((symbol) => (
        <li key={symbol.shape}>
          <span className={`legend-symbol legend-${symbol.shape}`} aria-hidden="true" />
          {symbol.label}
        </li>
      ))}
    </ul>
  );
}

/**
 * A continuous colour ramp, lightest first along the reading direction (so from the right in Arabic), with
 * its values below it. The bar is a row of flex segments rather than a CSS gradient, which would not turn with
 * the direction.
 */
export function RampLegend({ title, colours, ticks }: { title: string; colours: string[]; ticks: string[] }) {
  return (
    <figure className="legend-scale legend-ramp">
      <figcaption>{title}</figcaption>
      <div className="legend-ramp-bar" aria-hidden="true">
        {colours.map((colour, index) => (
          <span key={index} style={{ background: colour }} />
        ))}
      </div>
      <ul className="legend-ramp-ticks">
        {ticks.map((tick, index) => (
          <li key={index}>{tick}</li>
        ))}
      </ul>
    </figure>
  );
}

export function LegendScale({ title, classes }: { title: string; classes: LegendClass[] }) {
  return (
    <figure className="legend-scale">
      <figcaption>{title}</figcaption>
      <ul>
        {classes.map((item) => (
          <li key={`${item.colour}-${item.label}`}>
            <span className="legend-swatch" style={{ background: item.colour }} aria-hidden="true" />
            {item.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
