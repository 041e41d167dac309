import { describe, expect, it } from 'vitest';
import { categoryIndex, fieldLabel } from '../../../shared/report/fields';

// The template's own words for a figure, written by hand from the 2021 template (国办公开办函〔2021〕30号).
describe('fieldLabel', () => {
  it('names table cells with the table, the row and the column as the template words them', () => {
    expect(fieldLabel('applications.newReceived[0]')).toBe('表三 一、本年新收政府信息公开申请数量·自然人');
    expect(fieldLabel('applications.newReceived[6]')).toBe('表三 一、本年新收政府信息公开申请数量·总计');
    expect(fieldLabel('applications.total[6]')).toBe('表三 （七）总计·总计');
    expect(fieldLabel('applications.overdueFee[0]')).toBe(
      '表三 （六）其他处理 2．申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请·自然人',
    );
    expect(fieldLabel('reviewLitigation.review[1]')).toBe('表四 行政复议·结果纠正');
    expect(fieldLabel('article20.rules.issued')).toBe('表二 规章·本年制发件数');
  });

  it('names the proactive total and a category by its label in the report', () => {
    expect(fieldLabel('proactive.total')).toBe('主动公开政府信息总数');
    expect(fieldLabel('proactive.categories[1]', '2021', [{ label: '工作动态' }, { label: '通知公告' }])).toBe(
      '主动公开分类“通知公告”',
    );
    expect(categoryIndex('proactive.categories[12]')).toBe(12);
    expect(categoryIndex('proactive.total')).toBeNull();
  });

  it('gives back a path it does not know rather than a wrong name', () => {
    expect(fieldLabel('applications.noSuchRow[0]')).toBe('applications.noSuchRow[0]');
  });
});
