import { defineArea } from '../area';

/** Texts shared across pages: a dialog's close button, the pager under a table. */
export const common = defineArea({
  da: {
    close: 'Luk',
    pager: {
      label: 'Sider',
      range: '{{from}}–{{to}} af {{total}}',
      page: 'Side {{page}}',
      previous: 'Forrige side',
      next: 'Næste side',
      first: 'Første side',
      last: 'Sidste side',
    },
  },
  sv: {
    close: 'Stäng',
    pager: {
      label: 'Sidor',
      range: '{{from}}–{{to}} av {{total}}',
      page: 'Sida {{page}}',
      previous: 'Föregående sida',
      next: 'Nästa sida',
      first: 'Första sidan',
      last: 'Sista sidan',
    },
  },
  en: {
    close: 'Close',
    pager: {
      label: 'Pages',
      range: '{{from}}–{{to}} of {{total}}',
      page: 'Page {{page}}',
      previous: 'Previous page',
      next: 'Next page',
      first: 'First page',
      last: 'Last page',
    },
  },
});
