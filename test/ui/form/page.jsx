// The form page the UI layer renders in Chromium: @rjsf/core's Form (default theme) with @rjsf/validator-ajv8,
// at the OpenMetadata UI's pins. Bundled by esbuild from the UI tools' folder (form-page.ts), whose node_modules
// these imports resolve from; this file is JSX outside the TypeScript project, so tsc, eslint and knip do not read it.
import Form from '@rjsf/core';
import validator from '@rjsf/validator-ajv8';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';

const root = createRoot(document.getElementById('form'));

/** What the last submit reached: onSubmit with the form data, or onError with the errors. */
window.formOutcome = undefined;

/** Renders the connection form afresh (a new key drops the previous form's state). */
window.renderForm = ({ schema, formData, uiSchema, defaultFormStateBehavior }) => {
  window.formOutcome = undefined;
  flushSync(() =>
    root.render(
      <Form
        key={Math.random()}
        schema={schema}
        formData={formData}
        uiSchema={uiSchema ?? {}}
        experimental_defaultFormStateBehavior={defaultFormStateBehavior}
        validator={validator}
        // the validator judges the config, not the browser: native checks stop a submit before onSubmit or onError is called
        noHtml5Validate
        onSubmit={({ formData: submitted }) => (window.formOutcome = { submitted: true, formData: submitted })}
        onError={(errors) => (window.formOutcome = { submitted: false, errors: errors.map((e) => e.stack) })}
      />,
    ),
  );
};
