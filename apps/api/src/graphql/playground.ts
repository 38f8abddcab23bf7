import type { ApolloServerPlugin } from '@apollo/server';
import { playgroundTabs } from '@mch/client';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="9" cy="10" r="5" fill="#2a7ab0"/><circle cx="23" cy="10" r="5" fill="#c0392b"/><circle cx="16" cy="23" r="6" fill="#27ae60"/><path d="M9 10 L23 10 L16 23 Z" fill="none" stroke="#555" stroke-width="1.5"/></svg>';

/**
 * The playground page: GraphiQL with its docs explorer, history and headers editor, opening the
 * client package's operations as example tabs. Everything it needs (scripts, styles, editor
 * workers, icons) is inside the one page, so it works without any other host.
 */
async function renderPlayground(endpoint: string): Promise<string> {
  // The page's code weighs megabytes: it is loaded on the first visit, not at every start.
  const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
  // `variables` fills the variables editor of the first tab, which GraphiQL would leave empty.
  const options: Parameters<typeof renderGraphiQL>[0] & { variables?: string } = {
    title: 'MCH Cooperation Graph',
    endpoint,
    favicon: `data:image/svg+xml;base64,${Buffer.from(icon).toString('base64')}`,
    logo: icon,
    defaultTabs: playgroundTabs.map((tab) => ({ query: tab.query, variables: tab.variables })),
    defaultEditorToolsVisibility: 'variables',
    variables: playgroundTabs[0]?.variables,
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: false,
    schemaDescription: true,
    inputValueDeprecation: true,
  };
  return renderGraphiQL(options);
}

/** Serves the playground where Apollo would show its landing page: GET /graphql from a browser. */
export function playgroundPlugin(endpoint: string): ApolloServerPlugin {
  let html: string | undefined;
  return {
    async serverWillStart() {
      return {
        // Apollo asks for the page as the server starts; the page itself is made on the
        // first visit.
        async renderLandingPage() {
          return {
            html: async () => {
              html ??= await renderPlayground(endpoint);
              return html;
            },
          };
        },
      };
    },
  };
}
