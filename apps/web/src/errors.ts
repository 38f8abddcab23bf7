import { type ErrorCode, GraphQLRequestError, TransportError } from '@mch/client';
import type { Language } from './i18n';

/**
 * What each of the API's error codes means to a person reading the dashboard. Typed by the
 * schema's `ErrorCode`: a code the API adds does not compile until it has its sentence here.
 */
const english: Record<ErrorCode, string> = {
  ALIAS_LIMIT_EXCEEDED:
    'The dashboard asked too much in one request. Reload the page; if it stays, tell the team that runs it.',
  BAD_REQUEST:
    'The request was malformed. Reload the page; if it stays, tell the team that runs it.',
  BAD_USER_INPUT: 'A filter has a value the graph does not accept. Change or clear the filters.',
  BATCH_LIMIT_EXCEEDED: 'The dashboard asked too much in one request. Reload the page.',
  CONFLICT: 'Someone changed this record at the same time. Reload to see the latest version.',
  COST_LIMIT_EXCEEDED: 'This view asks for too much at once. Narrow the filters.',
  CURSOR_EXPIRED: 'The list of changes moved on. Reload the page to start again.',
  DATABASE_UNAVAILABLE:
    'The database cannot be reached just now. Nothing was lost; try again in a minute.',
  DEPTH_LIMIT_EXCEEDED: 'The dashboard asked too much in one request. Reload the page.',
  DIRECTIVE_LIMIT_EXCEEDED: 'The dashboard asked too much in one request. Reload the page.',
  DOCUMENT_TOO_LARGE: 'The dashboard asked too much in one request. Reload the page.',
  FORBIDDEN: 'Your access does not allow this.',
  GRAPHQL_PARSE_FAILED: 'This version of the dashboard does not match the API. Reload the page.',
  GRAPHQL_VALIDATION_FAILED:
    'This version of the dashboard does not match the API. Reload the page.',
  IATI_PUBLISHER_NOT_CONFIGURED: 'The IATI export is not set up on this server yet.',
  IMPORT_REJECTED: 'The file was not imported: some rows have problems.',
  INTERNAL_SERVER_ERROR: 'Something went wrong on the server. It was logged; try again later.',
  INVALID_CURSOR: 'The list changed order. Reload the page to start the list again.',
  INVALID_ID: 'This link points to a record that is not one of the graph’s. Check the address.',
  NOT_FOUND: 'This record no longer exists.',
  OPERATION_RESOLUTION_FAILURE:
    'This version of the dashboard does not match the API. Reload the page.',
  PAYLOAD_TOO_LARGE: 'The request was too large.',
  PERSISTED_DOCUMENT_NOT_FOUND:
    'This version of the dashboard is newer or older than the API. Reload the page; if it stays, the API needs updating.',
  PERSISTED_DOCUMENT_REQUIRED:
    'The API accepts only registered requests, and this one was not. Reload the page.',
  RATE_LIMITED: 'Too many requests in a short time. Wait a moment, then try again.',
  UNAUTHENTICATED: 'You need to sign in (an API token) for this.',
  UNSUPPORTED_MEDIA_TYPE: 'The request was malformed. Reload the page.',
  UPSTREAM_FAILED: 'A service the graph imports from did not answer. Try again later.',
  VALIDATION_FAILED: 'Some values are not valid.',
};

/** The codes a reader of the dashboard can meet, in the other interface languages. */
const translated: Partial<Record<Language, Partial<Record<ErrorCode, string>>>> = {
  pt: {
    BAD_USER_INPUT: 'Um filtro tem um valor que o grafo não aceita. Altere ou limpe os filtros.',
    COST_LIMIT_EXCEEDED: 'Esta vista pede demasiado de uma vez. Restrinja os filtros.',
    DATABASE_UNAVAILABLE:
      'A base de dados não está acessível agora. Nada se perdeu; tente daqui a um minuto.',
    INTERNAL_SERVER_ERROR: 'Algo correu mal no servidor. Foi registado; tente mais tarde.',
    INVALID_CURSOR: 'A lista mudou de ordem. Recarregue a página.',
    INVALID_ID: 'Este endereço aponta para um registo que não é do grafo. Verifique o endereço.',
    NOT_FOUND: 'Este registo já não existe.',
    PERSISTED_DOCUMENT_NOT_FOUND:
      'Esta versão do painel não corresponde à API. Recarregue a página.',
    PERSISTED_DOCUMENT_REQUIRED: 'A API só aceita pedidos registados. Recarregue a página.',
    RATE_LIMITED: 'Demasiados pedidos em pouco tempo. Aguarde um momento e tente de novo.',
  },
  ru: {
    BAD_USER_INPUT: 'В фильтре значение, которое граф не принимает. Измените или сбросьте фильтры.',
    COST_LIMIT_EXCEEDED: 'Этот вид запрашивает слишком много сразу. Сузьте фильтры.',
    DATABASE_UNAVAILABLE:
      'База данных сейчас недоступна. Ничего не потеряно; попробуйте через минуту.',
    INTERNAL_SERVER_ERROR: 'На сервере произошла ошибка. Она записана; попробуйте позже.',
    INVALID_CURSOR: 'Порядок списка изменился. Обновите страницу.',
    INVALID_ID: 'Ссылка ведёт на запись, которой нет в графе. Проверьте адрес.',
    NOT_FOUND: 'Этой записи больше нет.',
    PERSISTED_DOCUMENT_NOT_FOUND: 'Эта версия панели не совпадает с API. Обновите страницу.',
    PERSISTED_DOCUMENT_REQUIRED:
      'API принимает только зарегистрированные запросы. Обновите страницу.',
    RATE_LIMITED: 'Слишком много запросов за короткое время. Подождите и повторите.',
  },
};

const unreachable: Partial<Record<Language, string>> & { en: string } = {
  en: 'The API could not be reached. Check the connection and try again.',
  pt: 'Não foi possível contactar a API. Verifique a ligação e tente de novo.',
  ru: 'Не удалось связаться с API. Проверьте соединение и повторите.',
};

/** A sentence for a person, whatever went wrong, and the request's ID to quote when there is one. */
export function describeError(
  error: unknown,
  language: Language,
): { message: string; code: string | undefined; requestId: string | undefined } {
  if (error instanceof GraphQLRequestError) {
    const code = error.code as ErrorCode;
    return {
      message: translated[language]?.[code] ?? english[code] ?? english.INTERNAL_SERVER_ERROR,
      code: error.code,
      requestId: error.metadata?.requestId,
    };
  }
  if (error instanceof TransportError) {
    return {
      message: unreachable[language] ?? unreachable.en,
      code: undefined,
      requestId: undefined,
    };
  }
  return { message: english.INTERNAL_SERVER_ERROR, code: undefined, requestId: undefined };
}
