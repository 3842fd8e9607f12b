// Side-effect module: import it FIRST in the start-up module, before anything that loads React or Ink.
// React (react, react-reconciler, the JSX runtime) picks its build from process.env.NODE_ENV when it
// is first required, and anything but "production" gets the development build: prop and key checks,
// component stacks and extra bookkeeping on every render — several times slower per frame, for
// checks meant for the people writing components, not for someone running kubedeck. Node never sets
// NODE_ENV, so a plain `kubedeck` would run development React. A value the user set is left alone
// (NODE_ENV=development kubedeck keeps React's warnings when debugging a view).
if (process.env['NODE_ENV'] === undefined) process.env['NODE_ENV'] = 'production';
