import type {
  Categories,
  CategoriesQuery,
  Quality,
  QualityQuery,
  RankingPage,
  RankingPageQuery,
  Trends,
  TrendsQuery,
} from '../../../shared/schemas/index';
import { endpoint } from './useQuery';

/** GET /api/rankings: one page of a year's ranking, and the summary over all units. */
export const useRanking = endpoint<RankingPageQuery, RankingPage>('/api/rankings');
/** GET /api/categories: the canonical categories per unit for a year. */
export const useCategories = endpoint<CategoriesQuery, Categories>('/api/categories');
/** GET /api/trends: a metric across years for chosen units, and the total. */
export const useTrends = endpoint<TrendsQuery, Trends>('/api/trends');
/** GET /api/quality: findings, late reports and the submission grid. */
export const useQuality = endpoint<QualityQuery, Quality>('/api/quality');
