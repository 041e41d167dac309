import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import type { UnitGroup } from '../../../shared/unit-groups';
import { useCounties, useYears } from './meta';

export type GroupChoice = UnitGroup | 'all';

/** Year, county and the kind of unit, kept in the URL so that a link or a reload shows the same view. */
export function useFilters() {
  const route = useRoute();
  const router = useRouter();
  const yearList = useYears();
  const countyList = useCounties();
  const years = computed(() => yearList.data.value?.years.map((x) => x.year) ?? []);
  const counties = computed(() => countyList.data.value?.counties.map((x) => x.county) ?? []);
  const year = computed<number | undefined>({
    get: () => (route.query.year ? Number(route.query.year) : years.value[0]),
    set: (v) => router.replace({ query: { ...route.query, year: v === undefined ? undefined : String(v) } }),
  });
  const county = computed<string | undefined>({
    get: () => (typeof route.query.county === 'string' ? route.query.county : undefined),
    set: (v) => router.replace({ query: { ...route.query, county: v === undefined || v === '__all' ? undefined : v } }),
  });
  /** The kind of unit ranked (乡镇, 县直部门…); undefined: the server's default (the townships when there are any). */
  const group = computed<GroupChoice | undefined>({
    get: () => (typeof route.query.group === 'string' ? (route.query.group as GroupChoice) : undefined),
    set: (v) => router.replace({ query: { ...route.query, group: v, page: undefined } }),
  });
  const ready = computed(() => yearList.data.value !== null && countyList.data.value !== null);
  const error = computed(() => yearList.error.value || countyList.error.value);
  return { years, counties, year, county, group, ready, error };
}
