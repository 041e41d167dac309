import { HeatmapChart, PieChart } from 'echarts/charts';
import { VisualMapComponent } from 'echarts/components';
import { echarts } from './echarts';

// the ring (a town's categories) and the heat map (towns × years), loaded with the pages that draw them
echarts.use([PieChart, HeatmapChart, VisualMapComponent]);
