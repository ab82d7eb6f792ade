// What the React tree reports to the test API (window.__replica, set up in main.jsx).
// Written only from React effects after a commit, so it shows what the page shows.

export const live = {
  state: null, // the committed form state
  ready: false, // the create form is rendered
  generated: [], // every credential set, oldest first
};
