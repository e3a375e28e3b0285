/** @inquirer/external-editor in the bin's bundle (build/bundle.ts): the editor prompt's launcher. */
import { notAvailable } from './not-available.js';

export const editAsync = notAvailable('the editor prompt (@inquirer/external-editor)');
