// The evaluation figures of cbkpi's Workshops and Items sheets, computed with DuckDB (SQL over
// read_csv) from Node.js: the anchor for a columnar engine.
//
//     node anchor_duckdb.mjs WORKSHOPS.csv EVALUATIONS.csv [FIGURES.json]
//
// Prints the figures as JSON (the shape of bench/figures.py) on stdout, or writes them to
// FIGURES.json. The rules are cbkpi's (PRODUCT.md, evaluations.csv and Statistics): a row whose
// workshop_id is not in workshops.csv is rejected; a repeated (workshop_id, respondent_id)
// rejects the later row (the CSV reader keeps file order, and so does the table it is copied
// into, whose rowid is then the row's position); a rating that is not a whole number on 1-5 is left out; blank, NA, N/A and -
// are no answer; respondent score = mean of the respondent's valid ratings, respondents without
// any are not counted; workshop mean and sample SD over respondent scores. Every column is read
// as VARCHAR and cast here. As in the pandas anchor a rating is parsed as a number and must then
// be whole: "4.0" counts as 4, as in cbkpi.
import { writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const KNOWN = ['workshop_id', 'respondent_id', 'member_code', 'gender', 'submitted_at', 'comments'];
const SCALE = [1, 5];

const normalize = (name) =>
  name.trim().toLowerCase().split(/[ _\t-]+/).filter((s) => s !== '').join('_');
const ident = (name) => `"${name.replaceAll('"', '""')}"`;
const literal = (text) => `'${text.replaceAll("'", "''")}'`;
const readCsv = (path) =>
  `read_csv(${literal(path)}, header = true, all_varchar = true, delim = ',', quote = '"', ` +
  `escape = '"')`;

async function columnNames(connection, path) {
  const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${readCsv(path)}`);
  return described.getRowObjects().map((row) => row.column_name);
}

// ANCHOR_TRACE=1 prints the time of each statement on stderr.
function traced(connection) {
  if (!process.env.ANCHOR_TRACE) return connection;
  const wrap = (method) => async (sql) => {
    const t0 = performance.now();
    const result = await connection[method](sql);
    const where = sql.trim().split('\n')[0].slice(0, 60);
    process.stderr.write(`${((performance.now() - t0) / 1000).toFixed(2)} s  ${where}\n`);
    return result;
  };
  return { run: wrap('run'), runAndReadAll: wrap('runAndReadAll'),
           closeSync: () => connection.closeSync() };
}

async function compute(workshopsCsv, evaluationsCsv) {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = traced(await instance.connect());
  const wsNames = await columnNames(connection, workshopsCsv);
  const evNames = await columnNames(connection, evaluationsCsv);
  const find = (names, key) => names.find((n) => normalize(n) === key);
  const wsId = find(wsNames, 'workshop_id');
  const wid = find(evNames, 'workshop_id');
  const rid = find(evNames, 'respondent_id');
  const items = evNames.filter((n) => !KNOWN.includes(normalize(n)) && n.trim() !== '');
  if (!wsId || !wid || items.length === 0)
    throw new Error('workshop_id columns and at least one rating item are required');
  const q = items.map((_, i) => `q${i}`);

  await connection.run(`
    CREATE TEMP TABLE workshops AS
      SELECT DISTINCT trim(${ident(wsId)}, ' \t') AS wid FROM ${readCsv(workshopsCsv)}
      WHERE trim(${ident(wsId)}, ' \t') <> ''`);
  // A table keeps the file's row order: its rowid is the row's position, what "the later row"
  // of a repeated respondent means.
  await connection.run(`
    CREATE TEMP TABLE raw AS
      SELECT ${[wid, rid, ...items].filter(Boolean).map(ident).join(', ')}
      FROM ${readCsv(evaluationsCsv)}`);
  const ridText = rid ? `trim(${ident(rid)}, ' \t')` : 'NULL';
  const widText = `trim(${ident(wid)}, ' \t')`;
  // Blank, NA, N/A and - are no answer: TRY_CAST makes them NULL, and the respondent no key.
  const noKey = `(${ridText} IS NULL OR upper(${ridText}) IN ('', 'NA', 'N/A', '-'))`;
  const known = `${widText} IN (SELECT wid FROM workshops)`;
  const value = (n) => `TRY_CAST(${ident(n)} AS DOUBLE)`;
  const valid = (n) => `CASE WHEN ${value(n)} BETWEEN ${SCALE[0]} AND ${SCALE[1]} ` +
                       `AND ${value(n)} = floor(${value(n)}) THEN ${value(n)} END`;
  const answered = q.map((c) => `(${c} IS NOT NULL)::INTEGER`).join(' + ');
  const total = q.map((c) => `coalesce(${c}, 0)`).join(' + ');
  // One row per workshop: its respondents' scores, and each item's count and sum of ratings.
  const perWorkshop = await connection.runAndReadAll(`
    WITH firsts AS (
      SELECT min(rowid) AS rn FROM raw WHERE ${known} AND NOT ${noKey}
      GROUP BY ${widText}, ${ridText}),
    kept AS (
      SELECT ${widText} AS wid, ${items.map((n, i) => `${valid(n)} AS ${q[i]}`).join(', ')}
      FROM raw WHERE ${known} AND (${noKey} OR rowid IN (SELECT rn FROM firsts))),
    scored AS (
      SELECT *, (${total}) / nullif(${answered}, 0) AS score FROM kept)
    SELECT w.wid, count(s.score)::DOUBLE AS n, avg(s.score) AS mean, stddev_samp(s.score) AS sd,
           ${q.map((c) => `count(s.${c})::DOUBLE AS n_${c}, sum(s.${c}) AS sum_${c}`).join(', ')}
    FROM workshops w LEFT JOIN scored s USING (wid)
    GROUP BY w.wid ORDER BY w.wid`);
  connection.closeSync();
  instance.closeSync();

  const rows = perWorkshop.getRowObjects();
  const workshops = {};
  for (const row of rows)
    workshops[row.wid] = { n: row.n, mean: row.mean, sd: row.sd };
  // Ratings are whole numbers: the sums are exact, so summing per-workshop sums loses nothing.
  const itemFigures = {};
  q.forEach((c, i) => {
    const n = rows.reduce((acc, row) => acc + row[`n_${c}`], 0);
    const sum = rows.reduce((acc, row) => acc + (row[`sum_${c}`] ?? 0), 0);
    itemFigures[items[i].trim()] = { n, mean: n > 0 ? sum / n : null };
  });
  return { tool: 'duckdb', workshops, items: itemFigures };
}

const args = process.argv.slice(2);
if (args.length < 2 || args.length > 3) {
  process.stderr.write('usage: node anchor_duckdb.mjs WORKSHOPS.csv EVALUATIONS.csv [FIGURES.json]\n');
  process.exit(2);
}
const figures = await compute(args[0], args[1]);
const text = JSON.stringify(figures, null, 1) + '\n';
if (args[2]) writeFileSync(args[2], text);
else process.stdout.write(text);
