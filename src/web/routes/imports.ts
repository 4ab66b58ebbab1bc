// Importing the DfE SSDA903 return through the web application, for managers and analysts: upload the
// CSV files of one return, check them against the DfE rules, or check and import them. Same results and
// errors as `iro validate ssda903` and `iro import ssda903`.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart, { type MultipartFile } from '@fastify/multipart';
import { checkUploadedReturn, importUploadedReturn, removeUpload } from '../../app/ssda903-upload.ts';
import { parseCollectionYear, type CollectionYear } from '../../ssda903/collection-year.ts';
import { describeProblem } from '../../ssda903/errors.ts';
import { addError, noErrors } from '../forms.ts';

const MAX_FILES = 20;
const MAX_FILE_BYTES = 500 * 1024 * 1024;
const SHOWN = 500;

type UploadRequest = FastifyRequest & { uploadFolder?: string; uploadedFiles?: number; uploadRefused?: string };

export function registerImportRoutes(app: FastifyInstance): void {
  const access = 'ssda903.import' as const;

  void app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      limits: { files: MAX_FILES, fileSize: MAX_FILE_BYTES, fields: 10 },
      // Each file is streamed to a folder of the request's own, never held in memory.
      async onFile(this: UploadRequest, part: MultipartFile) {
        if (!/\.csv$/i.test(part.filename)) {
          this.uploadRefused = `${path.basename(part.filename)} is not a CSV file`;
          part.file.resume();
          return;
        }
        this.uploadFolder ??= fs.mkdtempSync(path.join(os.tmpdir(), 'iro-upload-'));
        this.uploadedFiles = (this.uploadedFiles ?? 0) + 1;
        const name = `${this.uploadedFiles}-${path.basename(part.filename).replace(/[^\w.-]/g, '_')}`;
        await pipeline(part.file, fs.createWriteStream(path.join(this.uploadFolder, name)));
        if (part.file.truncated) this.uploadRefused = `${path.basename(part.filename)} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`;
      },
    });
    scope.addHook('onResponse', async (request) => {
      const folder = (request as UploadRequest).uploadFolder;
      if (folder) await removeUpload(folder);
    });

    scope.get('/imports', { config: { access } }, async (_request, reply) => reply.render('pages/imports/new.njk', { title: 'Import an SSDA903 return', values: {}, errors: noErrors() }));

    scope.post('/imports', { config: { access } }, async (request, reply) => {
      const upload = request as UploadRequest;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const errors = noErrors();
      let year: CollectionYear | undefined;
      const yearText = typeof body.year === 'string' ? body.year.trim() : '';
      if (yearText) {
        try {
          year = parseCollectionYear(yearText);
        } catch {
          addError(errors, 'year', 'Enter the collection year like 2024-25, or leave it blank');
        }
      }
      if (upload.uploadRefused) addError(errors, 'files', upload.uploadRefused);
      else if (!upload.uploadFolder) addError(errors, 'files', 'Choose the CSV files of the return');
      const mode = body.mode === 'import' ? 'import' : 'check';
      if (errors.list.length > 0) return reply.code(400).render('pages/imports/new.njk', { title: 'Import an SSDA903 return', values: { year: yearText, mode }, errors });
      const outcome = mode === 'import' ? await importUploadedReturn(app.database, request.user!.id, upload.uploadFolder!, year) : await checkUploadedReturn(upload.uploadFolder!, year);
      // File names as the user chose them: the saved copies carry a number in front.
      const shownName = (file: string) => path.basename(file).replace(/^\d+-/, '');
      const problems = 'problems' in outcome ? outcome.problems.map((p) => ({ ...p, file: shownName(p.file), text: describeProblem({ ...p, file: shownName(p.file) }) })) : [];
      const reports =
        outcome.kind === 'checked'
          ? outcome.reports.map((r) => ({
              year: r.year.label,
              files: r.files.map((f) => ({ ...f, file: shownName(f.file) })),
              rulesRun: r.rulesRun,
              failureCount: r.failures.length,
              failures: r.failures.slice(0, SHOWN).map((f) => ({ ...f, file: shownName(f.file) })),
              problems: r.problems.slice(0, SHOWN).map((p) => ({ ...p, file: shownName(p.file), text: describeProblem({ ...p, file: shownName(p.file) }) })),
              problemCount: r.problems.length + r.omittedProblems,
            }))
          : [];
      return reply.code(outcome.kind === 'refused' ? 400 : 200).render('pages/imports/result.njk', {
        title: outcome.kind === 'imported' ? 'Return imported' : outcome.kind === 'checked' ? 'Return checked' : 'Nothing was imported',
        outcome,
        problems: problems.slice(0, SHOWN),
        problemCount: problems.length,
        reports,
        shown: SHOWN,
      });
    });
  });
}
