import { createRouter, createWebHistory } from 'vue-router';

export const router = createRouter({
  history: createWebHistory(),
  // a link to a part of a page (帮助 · 采集: /help#collect) lands on it; back and forward keep the place
  scrollBehavior: (to, _from, saved) => saved ?? (to.hash ? { el: to.hash } : undefined),
  routes: [
    { path: '/', name: 'overview', component: () => import('./pages/OverviewPage.vue'), meta: { title: '总览' } },
    { path: '/rankings', name: 'rankings', component: () => import('./pages/RankingsPage.vue'), meta: { title: '排名' } },
    { path: '/trends', name: 'trends', component: () => import('./pages/TrendsPage.vue'), meta: { title: '趋势' } },
    { path: '/reports/:id', name: 'report', component: () => import('./pages/ReportPage.vue'), meta: { title: '乡镇报告' } },
    { path: '/search', name: 'search', component: () => import('./pages/SearchPage.vue'), meta: { title: '全文搜索' } },
    { path: '/quality', name: 'quality', component: () => import('./pages/QualityPage.vue'), meta: { title: '数据质量' } },
    {
      path: '/organizations',
      name: 'organizations',
      component: () => import('./pages/OrganizationsPage.vue'),
      meta: { title: '单位' },
    },
    {
      path: '/evaluation',
      name: 'evaluation',
      component: () => import('./pages/EvaluationPage.vue'),
      meta: { title: '年度考核' },
    },
    {
      path: '/evaluation/compare',
      name: 'compare',
      component: () => import('./pages/ComparePage.vue'),
      meta: { title: '正文对照' },
    },
    { path: '/review', name: 'review', component: () => import('./pages/ReviewPage.vue'), meta: { title: '待核对' } },
    { path: '/import', name: 'import', component: () => import('./pages/ImportPage.vue'), meta: { title: '导入' } },
    { path: '/collect', name: 'collect', component: () => import('./pages/CollectPage.vue'), meta: { title: '采集' } },
    { path: '/admin', name: 'admin', component: () => import('./pages/AdminPage.vue'), meta: { title: '管理' } },
    { path: '/help', name: 'help', component: () => import('./pages/HelpPage.vue'), meta: { title: '帮助' } },
    { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue'), meta: { title: '登录' } },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
});

router.afterEach((to) => {
  document.title = `${String(to.meta.title ?? '')} · 政务公开年报看板`;
});
