import { css } from 'lit';

export const benchPageStyles = css`
  fieldset {
    border: 0;
    padding: 0;
    margin: 0 0 0.5rem;
  }
  legend {
    font-weight: 700;
    margin-bottom: 0.25rem;
  }
  /* One backend per line: its checkbox, its name, and why it is off when it is. */
  .settings .choice {
    display: grid;
    grid-template-columns: auto 1fr;
    align-items: center;
    column-gap: 0.5rem;
    min-height: var(--tap-target);
  }
  .choice input,
  .settings input[type='checkbox'] {
    width: 1.4rem;
    height: 1.4rem;
    margin: 0;
  }
  .choice span {
    font-weight: 600;
  }
  .choice .why {
    grid-column: 2;
    color: var(--text-muted);
    font-size: 0.85rem;
    line-height: 1.4;
  }
  .settings > label {
    display: flex;
    gap: 0.5rem;
    align-items: center;
  }
  .actions {
    margin-top: 0.5rem;
  }
  /* The device's facts: a phone gives the long GPU names the wider column. */
  [data-device] {
    grid-template-columns: minmax(0, 2fr) minmax(0, 3fr);
  }
  dd {
    overflow-wrap: anywhere;
  }
  /* A phone is narrower than seven columns: the table scrolls inside its card, never the page. */
  .table-scroll {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
    width: 100%;
  }
  th,
  td {
    padding: 0.3rem 0.4rem;
    text-align: right;
    border-bottom: 1px solid var(--border);
    vertical-align: bottom;
  }
  thead th {
    font-size: 0.8em;
    font-weight: 600;
    color: var(--text-muted);
    line-height: 1.3;
  }
  tbody th,
  td.why {
    text-align: left;
  }
  td.why {
    vertical-align: top;
  }
  .chart {
    margin: 1rem 0 0;
  }
  .chart figcaption {
    font-weight: 600;
    margin-bottom: 0.5rem;
  }
  .key {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin: 0 0 0.5rem;
    color: var(--text-muted);
    font-size: 0.9rem;
  }
  .swatch {
    display: inline-block;
    width: 1rem;
    height: 0.75rem;
    margin-right: 0.3rem;
    border-radius: 0.2rem;
    vertical-align: middle;
  }
  .bar-group {
    display: grid;
    grid-template-columns: 4.5rem 1fr;
    align-items: center;
    gap: 0.5rem;
    margin-bottom: 0.6rem;
  }
  .bar-name {
    font-weight: 600;
  }
  .bar-line {
    /* Bars scale to the line minus room for the number beside the longest one (bench-views.ts). */
    display: flex;
    align-items: center;
    gap: 0.4rem;
    margin: 0.15rem 0;
    font-variant-numeric: tabular-nums;
  }
  .bar {
    display: block;
    height: 1.1rem;
    border-radius: 0.25rem;
  }
  .bar-value {
    white-space: nowrap;
    font-size: 0.9rem;
  }
  .ours {
    background: var(--accent);
  }
  .stock {
    background: var(--border-strong);
  }
  textarea {
    box-sizing: border-box;
    width: 100%;
    padding: 0.5rem;
    border: 1px solid var(--border-strong);
    border-radius: 0.5rem;
    background: var(--surface);
    color: var(--text);
    font: 0.8rem/1.4 ui-monospace, monospace;
  }
  /*
   * A phone has no room for seven columns: each backend becomes a block of "name … value" lines, the
   * names taken from the column headers (data-label), which stay in the table for screen readers.
   */
  @media (max-width: 40rem) {
    thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    table,
    tbody,
    tr,
    tbody th,
    td {
      display: block;
    }
    tbody tr {
      padding: 0.4rem 0;
      border-bottom: 1px solid var(--border-strong);
    }
    tbody th,
    td {
      border: 0;
      padding: 0.1rem 0;
    }
    tbody th {
      font-size: 1.1em;
    }
    td[data-label] {
      display: flex;
      justify-content: space-between;
      gap: 1rem;
    }
    td[data-label]::before {
      content: attr(data-label);
      color: var(--text-muted);
      text-align: left;
    }
  }
  @media (min-width: 1200px) {
    [data-device] {
      grid-template-columns: max-content 1fr;
    }
    /* Projector: the device and the settings side by side would split the story; bigger text instead. */
    :host {
      font-size: 1.15rem;
    }
    .bar {
      height: 1.5rem;
    }
  }
`;
