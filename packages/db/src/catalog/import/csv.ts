/** One CSV record and the line it starts on (1-based; a quoted field may span several lines). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    detail: string,
  ) {
    super(`CSV line ${line}: ${detail}`);
    this.name = "CsvSyntaxError";
  }
}

/**
 * RFC 4180 CSV: comma-separated, fields optionally in double quotes, `""` for a quote inside
 * quotes, line breaks (LF, CRLF or CR) allowed inside quotes. A leading BOM is ignored and empty
 * lines are skipped. Malformed quoting throws CsvSyntaxError with the line, since nothing after it
 * could be trusted to split correctly.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let line = 1;
  let i = 0;
  let fields: string[] = [];
  let recordLine = 1;

  const endRecord = () => {
    if (!(fields.length === 1 && fields[0] === "")) records.push({ line: recordLine, fields });
    fields = [];
  };
  /** Consumes a line break at i, if any; true when one was there. */
  const lineBreak = (): boolean => {
    if (s[i] === "\r") {
      i += s[i + 1] === "\n" ? 2 : 1;
    } else if (s[i] === "\n") {
      i += 1;
    } else {
      return false;
    }
    line++;
    return true;
  };

  while (i < s.length) {
    if (fields.length === 0) recordLine = line;
    let value = "";
    if (s[i] === '"') {
      const openedOn = line;
      i++;
      for (;;) {
        if (i >= s.length) throw new CsvSyntaxError(openedOn, "quoted field is never closed");
        const c = s[i]!;
        if (c === '"') {
          if (s[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === "\r" || c === "\n") {
          const start = i;
          lineBreak();
          value += s.slice(start, i);
          continue;
        }
        value += c;
        i++;
      }
      if (i < s.length && s[i] !== "," && s[i] !== "\r" && s[i] !== "\n") {
        throw new CsvSyntaxError(
          line,
          `unexpected ${JSON.stringify(s[i])} after a closing quote (quotes inside a quoted field are written "")`,
        );
      }
    } else {
      const start = i;
      while (i < s.length && s[i] !== "," && s[i] !== "\r" && s[i] !== "\n") {
        if (s[i] === '"')
          throw new CsvSyntaxError(
            line,
            "a quote inside an unquoted field; put the whole field in quotes and double the quote",
          );
        i++;
      }
      value = s.slice(start, i);
    }
    fields.push(value);
    if (s[i] === ",") {
      i++;
      // A comma at the very end still opens one more (empty) field.
      if (i >= s.length) fields.push("");
      continue;
    }
    lineBreak();
    endRecord();
  }
  if (fields.length) endRecord();
  return records;
}
