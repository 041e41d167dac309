import { computed, onMounted, ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { api } from './api';

/** Year and county, kept in the URL so that a link or a reload shows the same view. */
export function useFilters() {
  const route = useRoute();
  const router = useRouter();
  const years = ref<number[]>([]);
  const counties = ref<(string | null)[]>([]);
  const year = computed<number | undefined>({
    get: () => (route.query.year ? Number(route.query.year) : years.value[0]),
    set: (v) => router.replace({ query: { ...route.query, year: v === undefined ? undefined : String(v) } }),
  });
  const county = computed<string | undefined>({
    get: () => (typeof route.query.county === 'string' ? route.query.county : undefined),
    set: (v) => router.replace({ query: { ...route.query, county: v === undefined || v === '__all' ? undefined : v } }),
  });
  const ready = ref(false);
  onMounted(async () => {
    const [y, c] = await Promise.all([
      api<{ years: { year: number }[] }>('/api/years'),
      api<{ counties: { county: string | null }[] }>('/api/counties'),
    ]);
    years.value = y.years.map((x) => x.year);
    counties.value = c.counties.map((x) => x.county);
    ready.value = true;
  });
  return { years, counties, year, county, ready };
}
