import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpackTemplate as migratedDataDir } from '../test/template.js';
import { ensureBuilt, runCli } from './test-cli.js';

/** `tilsyn report`, run as built on an embedded database with the demo data. */
let tmp: string;
let dataDir: string;
const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;

beforeAll(async () => {
  ensureBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tilsyn-report-'));
  dataDir = migratedDataDir(path.join(tmp, 'data'));
  const seeded = await runCli(['seed', '--demo'], dataDir);
  if (seeded.code !== 0) throw new Error(`seed: ${seeded.stderr}`);
}, 120_000);
afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('tilsyn report', () => {
  it('lists the rounds, audit reports and answer documents with their ids', async () => {
    const r = await runCli(['report', 'list', '--municipality', 'exempelstad'], dataDir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Rounds:\n {2}[0-9a-f-]{36} {2}Uppföljning hösten 2026/m);
    expect(r.stdout).toMatch(/--plan [0-9a-f-]{36} --kind yttrande/);
    expect(r.stdout).toMatch(/--plan [0-9a-f-]{36} --kind uppfoljandeYttrande/);
  });

  it('writes the follow-up report of a round by name, in the format of the file name', async () => {
    const out = path.join(tmp, 'status.pdf');
    const r = await runCli(['report', 'followup', '--municipality', 'kobenhavn', '--round', 'status august 2025', '--out', out], dataDir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Status august 2025 (pdf,');
    const pdf = fs.readFileSync(out);
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    if (hasPdftotext) {
      const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' });
      expect(text).toContain('Status august 2025');
      expect(text).toContain('Ibrugtagningstilladelser på it-systemer');
    }
  });

  it('narrows to a department by code and speaks the language asked for, as Word', async () => {
    const out = path.join(tmp, 'buf.docx');
    const r = await runCli(
      ['report', 'followup', '--municipality', 'kobenhavn', '--round', 'Status august 2025', '--department', 'buf', '--lang', 'en', '--out', out],
      dataDir,
    );
    expect(r.code, r.stderr).toBe(0);
    const xml = strFromU8(unzipSync(new Uint8Array(fs.readFileSync(out)))['word/document.xml']!);
    expect(xml).toContain('Department: Børne- og Ungdomsforvaltningen');
    expect(xml).not.toContain('Egenbetaling – Indtægter SOF');
  });

  it('writes the Swedish uppföljande yttrande and the council decision sheet (to stdout as Excel)', async () => {
    const list = await runCli(['report', 'list', '--municipality', 'exempelstad'], dataDir);
    const plan = /--plan ([0-9a-f-]{36}) --kind uppfoljandeYttrande/.exec(list.stdout)![1]!;
    const out = path.join(tmp, 'uppfoljande.docx');
    const answer = await runCli(['report', 'answer', '--municipality', 'exempelstad', '--plan', plan, '--kind', 'uppfoljandeYttrande', '--out', out], dataDir);
    expect(answer.code, answer.stderr).toBe(0);
    const xml = strFromU8(unzipSync(new Uint8Array(fs.readFileSync(out)))['word/document.xml']!);
    expect(xml).toContain('Uppföljande yttrande');
    expect(xml).toContain('Förslag till beslut');

    const sheet = await runCli(
      ['report', 'council', '--municipality', 'kobenhavn', '--report', 'Revisionsberetning om årsregnskabet 2024', '--format', 'xlsx', '--out', '-'],
      dataDir,
    );
    expect(sheet.code, sheet.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(sheet.bytes as unknown as ArrayBuffer);
    const values = wb.worksheets[0]!.getSheetValues().flat().map(String);
    expect(values).toContain('Borgerrepræsentationen godkendte den tværgående handleplan og bad om status i februar 2026.');
  });

  it('exits 1 for an unknown round or report, 2 for wrong arguments, and writes nothing', async () => {
    const before = fs.readdirSync(tmp).length;
    const round = await runCli(['report', 'followup', '--municipality', 'kobenhavn', '--round', 'Status marts 2031'], dataDir, tmp);
    expect(round.code).toBe(1);
    expect(round.stderr).toContain('no round "Status marts 2031"');
    const rep = await runCli(['report', 'council', '--municipality', 'kobenhavn', '--report', 'Ingen beretning'], dataDir, tmp);
    expect(rep.code).toBe(1);
    const format = await runCli(['report', 'followup', '--municipality', 'kobenhavn', '--round', 'Status august 2025', '--format', 'odt'], dataDir, tmp);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format must be one of pdf, docx, xlsx');
    const answerXlsx = await runCli(
      ['report', 'answer', '--municipality', 'exempelstad', '--plan', '00000000-0000-4000-8000-000000000000', '--kind', 'yttrande', '--format', 'xlsx'],
      dataDir,
      tmp,
    );
    expect(answerXlsx.code).toBe(2);
    const municipality = await runCli(['report', 'list', '--municipality', 'atlantis'], dataDir, tmp);
    expect(municipality.code).toBe(2);
    expect(fs.readdirSync(tmp).length).toBe(before);
  });
});
