/** The import block of each generated Python module, already sorted and wrapped as isort (profile black) would. */
import { streamClassName } from '../profile/spec.js';
import { streamCalls } from '../profile/streams.js';
import { isortModuleOrder, pyFromImport as fromImport } from '../../../core/python-imports.js';
import { MAGE_FACTS } from '../facts/index.js';
import { filePathKey } from './config.js';
import type { MageContext } from './context.js';

const pyFromImport = (module: string, names: readonly string[]): string => fromImport(module, names, MAGE_FACTS.importLineLength);

/** Import groups separated by a blank line; empty groups left out. */
const block = (...groups: string[][]): string =>
  groups
    .filter((g) => g.length > 0)
    .map((g) => g.join('\n'))
    .join('\n\n');

/** A section of `from` imports, ordered by module as isort orders them. */
const fromSection = (...lines: Array<[module: string, names: string[]]>): string[] =>
  [...lines].sort(([a], [b]) => isortModuleOrder(a, b)).map(([module, names]) => pyFromImport(module, names));

/** The import block of streams/<stream>.py: its base class, and its parent stream's class when it has one. */
export const streamModuleImports = (parentId: string | undefined): string =>
  fromSection(['.base', ['BaseStream']], ...(parentId ? [[`.${parentId}`, [streamClassName(parentId)]] as [string, string[]]] : [])).join('\n');

export function imports({ profile, className, auth, driver }: MageContext) {
  const uuid = profile.name;
  const calls = [...streamCalls(profile).values()];
  const sourcePackage = `mage_integrations.sources.${uuid}`;
  const stdlibClient = [
    ...(auth.basic ? ['import base64'] : []),
    ...(auth.oauth2 ? ['import json'] : []),
    'from typing import Dict',
    ...(auth.oauth2 ? ['from urllib.parse import urlencode', 'from urllib.request import Request, urlopen'] : []),
  ];
  return {
    sourceInit: {
      sql: block(
        ['from typing import List'],
        fromSection(
          [`mage_integrations.connections.${uuid}`, [`${className} as ${className}Connection`]],
          ['mage_integrations.sources.base', ['main']],
          ['mage_integrations.sources.constants', ['COLUMN_FORMAT_DATETIME', 'COLUMN_TYPE_BOOLEAN', 'COLUMN_TYPE_INTEGER', 'COLUMN_TYPE_NUMBER']],
          ['mage_integrations.sources.sql.base', ['Source']],
        ),
      ),
      api: block(
        ['from typing import Dict, Generator, List'],
        fromSection(
          ['mage_integrations.sources.base', ['Source', 'main']],
          [`${sourcePackage}.client`, [`${className}Client`]],
          [`${sourcePackage}.streams`, ['STREAMS']],
        ),
      ),
      file: block(
        [...(filePathKey(profile) ? ['import os'] : []), 'from typing import Dict, Generator, List'],
        [pyFromImport('mage_integrations.sources.base', ['Source', 'main'])],
      ),
    },
    client: block(stdlibClient, [pyFromImport('mage_integrations.sources.http.client', auth.oauth2 ? ['REQUEST_TIMEOUT', 'Client'] : ['Client'])]),
    streamsBase: block(
      [
        ...(calls.some((c) => c.parent) ? ['import re'] : []),
        'from typing import Dict, Generator, List, Optional',
        ...(calls.some((c) => c.endpoint.params.length > 0) ? ['from urllib.parse import quote'] : []),
      ],
      [pyFromImport('mage_integrations.sources.constants', ['REPLICATION_METHOD_FULL_TABLE'])],
    ),
    streamsInit: [...profile.streams]
      .sort(isortModuleOrder)
      .map((id) => pyFromImport(`.${id}`, [streamClassName(id)]))
      .join('\n'),
    connection: block(driver ? ['from importlib import import_module'] : [], [
      pyFromImport('mage_integrations.connections.sql.base', ['Connection']),
    ]),
    test: {
      sql: block(
        ['import unittest', 'from unittest.mock import MagicMock, patch'],
        fromSection([`mage_integrations.connections.${uuid}`, [`${className} as ${className}Connection`]], [sourcePackage, [className]]),
      ),
      api: block(
        ['import unittest', 'from unittest.mock import MagicMock, patch'],
        fromSection(
          ['mage_integrations.sources.constants', ['REPLICATION_METHOD_FULL_TABLE']],
          [sourcePackage, [className]],
          [`${sourcePackage}.client`, [`${className}Client`]],
          [`${sourcePackage}.streams`, ['STREAMS']],
        ),
      ),
      file: block(
        [...(filePathKey(profile) ? ['import tempfile'] : []), 'import unittest', 'from unittest.mock import MagicMock, patch'],
        [pyFromImport(sourcePackage, [className])],
      ),
    },
  };
}
