/**
 * KML, streamed with saxes: each Placemark is a record. Its fields are `name`, `description` and every ExtendedData
 * value by its name (`<Data name>` and `<SimpleData name>`); its geometry comes from Point, LineString, Polygon (outer
 * and inner boundaries) and MultiGeometry, coordinates "lon,lat[,alt]" read as [lon, lat]. `line` is the line of the
 * Placemark's opening tag.
 *
 * A MultiGeometry of one member is that member (GDAL wraps every polygon in one); of several polygons, a MultiPolygon
 * (members that are MultiPolygons merged in); likewise MultiPoint and MultiLineString; of mixed members, a
 * GeometryCollection. Element names are matched without their namespace prefix (`kml:Placemark`).
 *
 * Odd input: a Placemark without geometry comes with geometry null; one with a coordinate that is not a number, or a
 * Polygon without an outer boundary, is an error item. XML that is not well formed stops the file with its line.
 */
import { SaxesParser } from 'saxes';
import { SourceReadError } from './open-file.js';
import type { FieldValue, ReaderItem, SourceGeometry } from './types.js';

export async function* readKml(path: string, text: AsyncIterable<string>): AsyncGenerator<ReaderItem> {
  const parser = new SaxesParser({ xmlns: false });
  const reader = new PlacemarkReader();
  // The line of the tag's name, taken when saxes has read the character after it: by the end of the tag, attributes
  // may have run onto later lines. At column 0 that character was a line end, one line past the name's.
  let tagLine = 1;
  parser.on('opentagstart', () => (tagLine = parser.column === 0 ? parser.line - 1 : parser.line));
  parser.on('opentag', (tag) => reader.open(localName(tag.name), tag.attributes, tagLine));
  parser.on('closetag', (tag) => reader.close(localName(tag.name)));
  parser.on('text', (value) => reader.text(value));
  parser.on('cdata', (value) => reader.text(value));
  const write = (chunk: string | null) => {
    try {
      if (chunk === null) parser.close();
      else parser.write(chunk);
    } catch (error) {
      throw new SourceReadError(path, `is not well-formed XML (${(error as Error).message})`, { cause: error });
    }
  };
  for await (const chunk of text) {
    write(chunk);
    yield* reader.items.splice(0);
  }
  write(null);
  yield* reader.items.splice(0);
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** A geometry element being read: the coordinates and members gathered for it so far. */
interface OpenGeometry {
  element: 'Point' | 'LineString' | 'LinearRing' | 'Polygon' | 'MultiGeometry';
  positions: number[][] | null;
  outer: number[][] | null;
  inner: number[][][];
  members: SourceGeometry[];
}

const geometryElements = new Set(['Point', 'LineString', 'LinearRing', 'Polygon', 'MultiGeometry']);

interface Placemark {
  line: number;
  fields: Record<string, FieldValue>;
  geometry: SourceGeometry | null;
  problem: string | null;
}

class PlacemarkReader {
  readonly items: ReaderItem[] = [];
  /** Open elements' local names, outermost first. */
  private readonly stack: string[] = [];
  private placemark: Placemark | null = null;
  private readonly geometries: OpenGeometry[] = [];
  private textBuffer = '';
  private dataName: string | null = null;

  open(name: string, attributes: Record<string, string>, line: number): void {
    const parent = this.stack[this.stack.length - 1];
    this.stack.push(name);
    this.textBuffer = '';
    if (name === 'Placemark') {
      this.placemark = { line, fields: {}, geometry: null, problem: null };
      this.geometries.length = 0;
      return;
    }
    if (!this.placemark) return;
    if (name === 'Data' || name === 'SimpleData') this.dataName = attributes.name ?? null;
    const isRing = name === 'LinearRing';
    if (geometryElements.has(name) && (!isRing || parent === 'outerBoundaryIs' || parent === 'innerBoundaryIs')) {
      this.geometries.push({
        element: name as OpenGeometry['element'],
        positions: null,
        outer: null,
        inner: [],
        members: [],
      });
    }
  }

  text(value: string): void {
    if (this.placemark) this.textBuffer += value;
  }

  close(name: string): void {
    this.stack.pop();
    const parent = this.stack[this.stack.length - 1];
    const placemark = this.placemark;
    if (!placemark) return;
    const text = this.textBuffer;
    this.textBuffer = '';
    if (name === 'Placemark') {
      this.placemark = null;
      this.items.push(
        placemark.problem
          ? { kind: 'error', line: placemark.line, reason: placemark.problem }
          : {
              kind: 'record',
              record: { line: placemark.line, fields: placemark.fields, geometry: placemark.geometry },
            },
      );
    } else if ((name === 'name' || name === 'description') && parent === 'Placemark') {
      placemark.fields[name] = text.trim();
    } else if (name === 'value' && parent === 'Data' && this.dataName !== null) {
      placemark.fields[this.dataName] = text.trim();
    } else if (name === 'SimpleData' && this.dataName !== null) {
      placemark.fields[this.dataName] = text.trim();
    } else if (name === 'coordinates') {
      const current = this.geometries[this.geometries.length - 1];
      const positions = parseCoordinates(text);
      if (positions === null) placemark.problem ??= `a coordinate that is not a number in "${clip(text)}"`;
      else if (current) current.positions = positions;
    } else if (this.geometries.length > 0 && this.geometries[this.geometries.length - 1]?.element === name) {
      this.closeGeometry(placemark, parent);
    }
  }

  private closeGeometry(placemark: Placemark, parent: string | undefined): void {
    const done = this.geometries.pop();
    if (!done) return;
    const container = this.geometries[this.geometries.length - 1];
    if (done.element === 'LinearRing') {
      if (container?.element !== 'Polygon' || !done.positions) return;
      if (parent === 'outerBoundaryIs') container.outer = done.positions;
      else container.inner.push(done.positions);
      return;
    }
    const geometry = this.build(placemark, done);
    if (!geometry) return;
    if (container) container.members.push(geometry);
    else placemark.geometry ??= geometry;
  }

  private build(placemark: Placemark, done: OpenGeometry): SourceGeometry | null {
    switch (done.element) {
      case 'Point': {
        const position = done.positions?.[0];
        return position ? { type: 'Point', coordinates: position } : null;
      }
      case 'LineString':
        return done.positions ? { type: 'LineString', coordinates: done.positions } : null;
      case 'Polygon':
        if (!done.outer) {
          placemark.problem ??= 'a Polygon without an outer boundary';
          return null;
        }
        return { type: 'Polygon', coordinates: [done.outer, ...done.inner] };
      default:
        return combine(done.members);
    }
  }
}

/** A MultiGeometry's members as one geometry (see the module comment). */
function combine(members: SourceGeometry[]): SourceGeometry | null {
  if (members.length === 0) return null;
  if (members.length === 1) return members[0] ?? null;
  if (members.every((m) => m.type === 'Polygon' || m.type === 'MultiPolygon')) {
    return {
      type: 'MultiPolygon',
      coordinates: members.flatMap((m) =>
        m.type === 'Polygon' ? [m.coordinates] : m.type === 'MultiPolygon' ? m.coordinates : [],
      ),
    };
  }
  if (members.every((m) => m.type === 'Point')) {
    return { type: 'MultiPoint', coordinates: members.flatMap((m) => (m.type === 'Point' ? [m.coordinates] : [])) };
  }
  if (members.every((m) => m.type === 'LineString')) {
    return {
      type: 'MultiLineString',
      coordinates: members.flatMap((m) => (m.type === 'LineString' ? [m.coordinates] : [])),
    };
  }
  return { type: 'GeometryCollection', geometries: members };
}

/** "lon,lat[,alt] lon,lat[,alt] …" as [lon, lat] positions; null when a value is not a number. */
export function parseCoordinates(text: string): number[][] | null {
  const positions: number[][] = [];
  // Some writers put a space after the comma; tuples are separated by whitespace only.
  for (const tuple of text
    .trim()
    .replace(/\s*,\s*/g, ',')
    .split(/\s+/)) {
    if (tuple === '') continue;
    const [lon = '', lat = ''] = tuple.split(',');
    const position = [Number(lon), Number(lat)];
    if (lon === '' || lat === '' || !position.every(Number.isFinite)) return null;
    positions.push(position);
  }
  return positions;
}

function clip(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 60 ? `${trimmed.slice(0, 60)}…` : trimmed;
}
