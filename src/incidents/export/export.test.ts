import { describe, expect, it } from 'vitest';
import { parse as parseCsvSync } from 'csv-parse/sync';
import { DEFAULT_VOCABULARY } from '../vocabulary.ts';
import { hxlCsvHeader, streamHxlCsv, writeHxlCsv } from './hxl.ts';
import { toGeoJson, writeGeoJson } from './geojson.ts';
import { EXPORT_COLUMNS, columnsFor, type IncidentExportRow } from './row.ts';

const rows: IncidentExportRow[] = [
  {
    id: 'INC-1',
    date: '2020-08-01',
    dateStart: '2020-08-01',
    dateEnd: '2020-08-01',
    datePrecision: 'day',
    country: 'Kivara',
    countryCode: 'XK',
    admin1Name: 'Nord-Lacs',
    admin1Code: 'XK61',
    admin2Name: 'Baraka-Sud',
    admin2Code: 'XK6103',
    locationName: 'Mukoto',
    lat: -1.512,
    lon: 28.874,
    perpetrator: 'Kalunga Mai-Mai Militia',
    perpetratorType: 'political-militia',
    otherParty: 'Civilians (Kivara)',
    actTypes: ['killing', 'looting'],
    verificationStatus: 'verified',
    killed: 6,
    injured: 2,
    source: 'Joint protection team, "Mukoto" visit',
    description: 'Attack on the displacement site; houses looted,\nsix killed.',
  },
  {
    id: 'INC-2',
    date: '2020-09',
    dateStart: '2020-09-01',
    dateEnd: '2020-09-30',
    datePrecision: 'month',
    country: 'Kivara',
    countryCode: 'XK',
    admin1Name: 'Itombe',
    admin1Code: 'XK62',
    admin2Name: null,
    admin2Code: null,
    locationName: null,
    lat: null,
    lon: null,
    perpetrator: null,
    perpetratorType: 'unknown',
    otherParty: null,
    actTypes: ['abduction'],
    verificationStatus: 'reported',
    killed: null,
    injured: 0,
    source: '=HYPERLINK("http://example.invalid")',
    description: '-2 abducted',
  },
];

const readCsv = (text: string) => parseCsvSync(text, { bom: true }) as string[][];

describe('HXL CSV', () => {
  it('writes labels, then hashtags, then one line per incident', () => {
    const csv = writeHxlCsv(rows);
    const [labels, tags, r1, r2, ...rest] = readCsv(csv);
    expect(rest).toEqual([]);
    // the summary and the restricted columns (named victims, source identities) are not in these rows: no column
    expect(labels).toEqual(EXPORT_COLUMNS.filter((c) => c.name !== 'actTypeLabels' && !['summary', 'namedVictims', 'sourceIdentities'].includes(c.key)).map((c) => c.labels.en));
    expect(tags).toEqual([
      '#event+id', '#date+occurred', '#date+start', '#date+end', '#date+precision', '#country+name', '#country+code',
      '#adm1+name', '#adm1+code', '#adm2+name', '#adm2+code', '#loc+name', '#geo+lat', '#geo+lon',
      '#group+name+first', '#group+type+first', '#group+name+second', '#event+type+code', '#status+verification',
      '#affected+killed', '#affected+injured', '#meta+source', '#description',
    ]);
    const get = (r: string[], tag: string) => r[tags!.indexOf(tag)];
    expect(get(r1!, '#event+id')).toBe('INC-1');
    expect(get(r1!, '#geo+lat')).toBe('-1.512');
    expect(get(r1!, '#event+type+code')).toBe('killing; looting');
    expect(get(r1!, '#description')).toBe('Attack on the displacement site; houses looted,\nsix killed.');
    expect(get(r1!, '#meta+source')).toBe('Joint protection team, "Mukoto" visit');
    expect(get(r2!, '#geo+lat')).toBe('');
    expect(get(r2!, '#affected+killed')).toBe('');
    expect(get(r2!, '#affected+injured')).toBe('0');
    expect(csv.includes('\r\n')).toBe(true);
  });

  it('has French headers, and labels from the vocabulary in the language asked', () => {
    const [labels, tags, r1] = readCsv(writeHxlCsv(rows, { lang: 'fr', vocabulary: DEFAULT_VOCABULARY }));
    expect(labels!.slice(0, 3)).toEqual(["Identifiant de l'incident", 'Date', 'Date de début']);
    expect(labels).toContain('Auteur présumé');
    const get = (tag: string) => r1![tags!.indexOf(tag)];
    expect(get('#event+type+code')).toBe('killing; looting');
    expect(get('#event+type')).toBe('Meurtre; Pillage');
    expect(get('#group+type+first')).toBe('Milice politique');
    expect(get('#status+verification')).toBe('Vérifié');
    expect(get('#date+precision')).toBe('jour');
  });

  it('writes no column for a field the caller removed from every row, and an empty cell where it is unknown', () => {
    const hidden = rows.map(({ description, perpetrator, ...r }) => r);
    const [labels, tags] = readCsv(writeHxlCsv(hidden));
    expect(tags).not.toContain('#description');
    expect(tags).not.toContain('#group+name+first');
    expect(labels).not.toContain('Description');
    // removed in one row only: the column stays, that row's cell is empty
    const partly = [rows[0]!, { ...rows[1]!, description: undefined }];
    const [, t2, , b] = readCsv(writeHxlCsv(partly));
    expect(b![t2!.indexOf('#description')]).toBe('');
    // a minimal row gives a minimal file
    expect(readCsv(writeHxlCsv([{ id: 'X' }]))).toEqual([['Incident ID'], ['#event+id'], ['X']]);
  });

  it('defuses spreadsheet formulas in text but leaves numbers alone', () => {
    const [, tags, , r2] = readCsv(writeHxlCsv(rows));
    expect(r2![tags!.indexOf('#meta+source')]).toBe(`'=HYPERLINK("http://example.invalid")`);
    expect(r2![tags!.indexOf('#description')]).toBe("'-2 abducted");
    const [, , r1] = readCsv(writeHxlCsv(rows));
    expect(r1![tags!.indexOf('#geo+lat')]).toBe('-1.512');
    const [, , , raw] = readCsv(writeHxlCsv(rows, { protectFormulas: false }));
    expect(raw![tags!.indexOf('#description')]).toBe('-2 abducted');
  });

  it('can leave out the hashtag row, add a byte-order mark, use LF', () => {
    const csv = writeHxlCsv([{ id: 'X', killed: 1 }], { hxl: false, bom: true, lineEnding: '\n' });
    expect(csv).toBe('\ufeffIncident ID,Killed\nX,1\n');
  });

  it('streams the same text when given the same columns', async () => {
    const columns = columnsFor(rows, { vocabulary: DEFAULT_VOCABULARY });
    let streamed = '';
    async function* source() {
      yield* rows;
    }
    for await (const chunk of streamHxlCsv(source(), columns, { vocabulary: DEFAULT_VOCABULARY, lang: 'fr' })) streamed += chunk;
    expect(streamed).toBe(writeHxlCsv(rows, { vocabulary: DEFAULT_VOCABULARY, lang: 'fr' }));
    expect(hxlCsvHeader(columns.slice(0, 2), { lang: 'fr' })).toBe("Identifiant de l'incident,Date\r\n#event+id,#date+occurred\r\n");
  });
});

describe('GeoJSON', () => {
  it('makes a FeatureCollection of points [lon, lat]; incidents without coordinates listed with a null geometry', () => {
    const fc = toGeoJson(rows);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.map((f) => [f.id, f.geometry])).toEqual([
      ['INC-1', { type: 'Point', coordinates: [28.874, -1.512] }],
      ['INC-2', null],
    ]);
    expect(fc.features[0]!.properties).not.toHaveProperty('lat');
    expect(fc.features[0]!.properties).toMatchObject({ id: 'INC-1', admin1Code: 'XK61', killed: 6, actTypes: ['killing', 'looting'] });
    expect(fc.features[1]!.properties).toMatchObject({ killed: null, perpetrator: null });
    expect(JSON.parse(writeGeoJson(rows))).toEqual(fc);
  });

  it('can omit incidents without coordinates, and treats out-of-range coordinates as none', () => {
    expect(toGeoJson(rows, { withoutCoordinates: 'omit' }).features.map((f) => f.id)).toEqual(['INC-1']);
    expect(toGeoJson([{ id: 'Z', lat: 91, lon: 10 }]).features[0]!.geometry).toBeNull();
    expect(toGeoJson([{ id: 'Z', lat: 0, lon: 0 }]).features[0]!.geometry).toEqual({ type: 'Point', coordinates: [0, 0] });
  });

  it('writes no property the caller removed, and adds labels when given a vocabulary', () => {
    const fc = toGeoJson([{ id: 'A', lat: 1, lon: 2, description: undefined, perpetratorType: 'police', actTypes: ['rape'], verificationStatus: 'credible' }], { vocabulary: DEFAULT_VOCABULARY, lang: 'fr' });
    expect(fc.features[0]!.properties).toEqual({
      id: 'A',
      perpetratorType: 'police',
      actTypes: ['rape'],
      verificationStatus: 'credible',
      actTypeLabels: ['Viol'],
      perpetratorTypeLabel: 'Police et gendarmerie',
      verificationStatusLabel: 'Crédible',
    });
  });
});
