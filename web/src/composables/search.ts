import type { SearchQuery, SearchResults } from '../../../shared/schemas/index';
import { endpoint } from './useQuery';

/** GET /api/search: the current reports whose text contains a phrase. */
export const useSearch = endpoint<SearchQuery, SearchResults>('/api/search');
