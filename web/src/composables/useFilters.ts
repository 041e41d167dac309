import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { useCounties, useYears } from './meta';

/** Year and county, kept in the URL so that a link or a reload shows the same view. */
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
  const ready = computed(() => yearList.data.value !== null && countyList.data.value !== null);
  const error = computed(() => yearList.error.value || countyList.error.value);
  return { years, counties, year, county, ready, error };
}
