"""Head office (issue 19): the cross-project overview, statistics, their export and CLI."""

# ---- messages ------------------------------------------------------------------------------
HO_BAD_MONTH = "月份“{value}”不对：应为 YYYY-MM，例如 2026-11。"
HO_BAD_RANGE = "月份范围不对：起始月 {first} 晚于结束月 {last}。"
HO_TOO_MANY_MONTHS = "月份范围太长：共 {n} 个月，一次最多统计 {most} 个月。"
HO_NO_PROJECTS = "数据库中还没有项目。"
HO_EXPORTED = "已导出统计表：{path}"
HO_COMPUTING = "正在计算各项目的月度汇总……"
HO_COMPUTING_ONE = "正在计算 {code} {month} 的汇总（{done}/{total}）"
HO_EXPORTING = "正在统计并导出 Excel……"
HO_SWITCHING = "正在切换到项目 {code}……"
# ---- CLI -----------------------------------------------------------------------------------
H_OVERVIEW = "总部总览：每个项目一行（在场人数、本月问题、须附说明、逾期交接、服务指标与承诺）"
H_OVERVIEW_MONTH = "统计月份 YYYY-MM（默认本月）"
H_STATS = "跨项目、跨月份统计（出勤率、迟到分钟、各类请假天数），导出 Excel"
H_STATS_FROM = "起始月份 YYYY-MM"
H_STATS_TO = "结束月份 YYYY-MM"
H_STATS_XLSX = "导出的 Excel 文件"
HO_CLI_HEADER = "{code}  {name}：打卡数据截至 {through}，在场 {on_site} 人，问题 {problems}，须附说明 {explanations}，逾期交接 {overdue}，响应达标 {response}，解决达标 {resolution}"
HO_CLI_NONE = "—"
HO_CLI_PERCENT = "{value}%"
# ---- window --------------------------------------------------------------------------------
HO_TAB_OVERVIEW = "总部总览"
HO_TAB_STATS = "统计"
HO_PROJECT_LABEL = "项目："
HO_SWITCH_BUSY = "正在处理上一项工作，完成后再切换项目（所有页面都在当前项目上工作）。"
HO_PROJECT_ITEM = "{code}  {name}"
HO_PROJECT_ITEM_SITE = "{code}  {name}（现场数据）"
HO_PROJECT_NAME_SITE = "{name}（现场数据）"
HO_MONTH_LABEL = "月份："
HO_REFRESH = "刷新"
HO_OPEN_PROJECT = "打开此项目"
HO_FROM_LABEL = "从"
HO_TO_LABEL = "到"
HO_METRIC_LABEL = "指标："
HO_EXPORT = "导出Excel…"
HO_EXPORT_TITLE = "导出统计表"
HO_EXPORT_FILTER = "Excel 文件 (*.xlsx)"
HO_EXPORT_NAME = "跨项目统计_{first}_{last}.xlsx"
HO_OVERVIEW_SUMMARY = "{month}：{projects} 个项目，在场 {people} 人，问题 {problems} 项，须附说明 {explanations} 人，逾期交接 {overdue} 项"
HO_OVERVIEW_EMPTY = "数据库中还没有项目：导入现场数据包或新建项目后，这里每个项目一行。"
HO_STATS_EMPTY = "选择月份范围后点“刷新”，这里显示项目 × 月份的统计表。"
HO_STATS_NOTE = "{metric}：每个项目一行、每月一列；“—”表示该月没有可统计的数据（无打卡数据或尚未开始）。"
HO_STALE_NOTE = "本次重新计算了 {n} 个项目的汇总"
HO_FRESH_NOTE = "汇总均为最新（计算于 {at} 之后无变动）"
HO_OVERVIEW_HEADERS = ("项目编号", "项目名称", "打卡数据截至", "在场人数", "本月问题", "须附说明", "逾期交接", "出勤率", "服务记录", "响应达标（承诺）", "解决达标（承诺）", "未解决")
HO_SERVICE_CELL = "{percent}（≤{target}分钟）"
HO_SERVICE_NONE_CELL = "—（≤{target}分钟）"
HO_ORIGIN_SITE = "现场数据"
HO_METRIC_LABELS = {
    "attendance_rate": "出勤率（%）",
    "late_count": "迟到次数",
    "late_minutes": "迟到分钟",
    "absent_days": "旷工天数",
    "leave_total": "请假天数（合计）",
    "no_data_days": "无打卡数据天数",
    "explanations": "须附缺勤情况说明人数",
    "overdue_handovers": "逾期交接",
    "service_total": "服务记录数",
    "response_percent": "响应达标率（%）",
    "resolution_percent": "解决达标率（%）",
    "people": "在册人数",
}
# ---- Excel ---------------------------------------------------------------------------------
HO_XL_TITLE = "跨项目考勤与服务统计（{first} 至 {last}）"
HO_XL_SUBTITLE = "共 {projects} 个项目    生成时间：{at}"
HO_XL_PROJECT_HEADERS = ("项目编号", "项目名称")
HO_XL_MONTH_HEADER = "{year}年{month}月"
HO_XL_SHEET_RATE = "出勤率"
HO_XL_SHEET_LATE = "迟到分钟"
HO_XL_SHEET_LEAVE = "请假天数"
HO_XL_SHEET_DETAIL = "明细"
HO_XL_MONTH_COLUMN = "月份"
HO_XL_LEAVE_TOTAL = "合计"
HO_XL_DETAIL_HEADERS = {
    "code": "项目编号", "name": "项目名称", "month": "月份", "people": "在册人数",
    "on_site": "在场人数", "required_days": "应出勤天数", "attended_days": "出勤天数",
    "absent_days": "旷工天数", "no_data_days": "无打卡数据天数", "pending_days": "未到时间天数",
    "attendance_rate": "出勤率（%）", "late_count": "迟到次数", "late_minutes": "迟到分钟",
    "early_count": "早退次数", "early_minutes": "早退分钟", "missing_punches": "缺卡次数",
    "absence_count": "缺勤次数", "severe_count": "严重迟到早退", "leave_total": "请假天数",
    "overtime_hours": "加班小时", "explanations": "须附说明人数", "locked": "已锁定",
    "overdue_handovers": "逾期交接", "due_soon_handovers": "即将到期交接",
    "service_total": "服务记录数", "response_target": "响应承诺（分钟）",
    "response_met": "响应达标", "response_missed": "响应超时", "response_percent": "响应达标率（%）",
    "resolution_target": "解决承诺（分钟）", "resolution_met": "解决达标",
    "resolution_missed": "解决超时", "resolution_percent": "解决达标率（%）",
    "service_open": "未解决", "problems": "本月问题",
}
HO_XL_YES = "是"
HO_XL_NO = "否"
HO_DATA_BEHIND_TIP = "打卡数据截至 {day}，比今天早 {days} 天：现场可能尚未导入打卡或寄回数据包，本月问题可能偏少。"
