export interface LegendClass {
  colour: string;
  label: string;
}

export interface LegendSymbol {
  shape: 'circle' | 'dashed' | 'hexagon';
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
      {symbols.length > 0 && (
        <ul className="legend-symbols">
          {symbols.map((symbol) => (
            <li key={symbol.shape}>
              <span className={`legend-symbol legend-${symbol.shape}`} aria-hidden="true" />
              {symbol.label}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function LegendScale({ title, classes }: { title: string; classes: LegendClass[] }) {
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
