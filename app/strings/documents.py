"""Printouts (PDF and Excel): shared labels, the monthly sheet, punch record, explanation."""

# ---- documents ---------------------------------------------------------------------------
EXCEL_FONT = "宋体"
EXCEL_PAGE_FOOTER = "第 &P 页 / 共 &N 页"
DATE_CN_PATTERN = r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"
# characters a PDF line may not start with (Chinese line-breaking rule)
DOC_NO_LINE_START = "，。、；：？！）》」』”’"
# units a PDF line never separates from the number before them
DOC_NUMBER_UNITS = "日月年天次分号时"

# ---- documents (PDF and Excel) -----------------------------------------------------------
DOC_FONT_MISSING = "找不到或无法读取内置字体 {path}：{err}。请重新安装驻场管家。"
DOC_UNPRINTABLE = "注意：{path} 中有字符内置字体和本机字体都没有，已打印为“{mark}”，请在纸面上手写补全：{where}。"
DOC_UNPRINTABLE_TEXT = "{text}（{codes}）"
DOC_UNPRINTABLE_MORE = " 等，另有 {n} 处"
DOC_SAVE_FAILED = "无法写入文件 {path}：{err}。请确认该文件没有在 PDF 阅读器或 Excel 中打开，并且文件夹可以写入。"
DOC_PAGE_NUMBER = "第 {page} 页 共 {pages} 页"
DOC_LABEL_SEP = "："
DOC_SIGN_LABEL = "签字："
DOC_DATE_LABEL = "日期："
DOC_DATE_UNITS = ("年", "月", "日")
DOC_SEAL = "（盖章）"
DOC_EMPTY = "（无）"
DOC_NO = "序号"
DOC_NO_PEOPLE = "（本月无驻场人员）"
DOC_MONTH_LABEL = "考勤月份"
DOC_PROJECT_LABEL = "项目"
DOC_FILLED_ON = "填表日期"
DOC_LEGEND_TITLE = "考勤符号说明："
DOC_PAREN = "（{text}）"
DOC_WORD_SEP = "，"
DOC_MINUTES = "{n} 分钟"
DOC_LATE_MINUTES = "迟到 {n} 分钟"
DOC_EARLY_MINUTES = "早退 {n} 分钟"
DOC_CORRECTED = "含补卡"
DOC_SESSIONS_RESULT = "上午{am}；下午{pm}"
DOC_HALF_DAY = "半天"
DOC_WHOLE_DAY = "全天"
DOC_SEVERE = "严重"
DOC_VALID = "有效"
DOC_REVOKED = "已撤销（{at}）：{reason}"
DOC_NO_PUNCH = "无打卡记录"
DOC_NEXT_DAY = "次日 {time}"
DOC_BATCH = "批次{id}（{source}）"
DOC_VERIFY_MODES = {0: "密码", 1: "指纹", 2: "刷卡", 3: "密码", 4: "刷卡", 15: "人脸", 25: "掌纹"}
DOC_ABSENT_TOTAL = "{days} 天（{n} 个半天）"
# signing parties
DOC_ROLE_PREPARED_BY = "制表人"
DOC_ROLE_PROJECT_MANAGER = "项目经理（承建单位）"
DOC_ROLE_CLIENT_LEAD = "{client}项目负责人"
DOC_ROLE_SUPERVISOR = "监理单位"
DOC_ROLE_CONTRACTOR = "承建单位"
DOC_ROLE_PERSON_CONFIRM = "本人确认"
DOC_ROLE_CHECKED_BY = "{party}核对"
DOC_ROLE_SELF_SIGN = "本人签字："
# monthly attendance sheet (RULES-FORMS-TERMS 3.3)
MONTH_SHEET_TITLE = "{project}驻场人员月度考勤表（{year}年{month}月）"
MONTH_SHEET_PROVISIONAL_SUFFIX = "（暂估）"
MONTH_SHEET_SUBJECT = "驻场人员月度考勤表"
MONTH_SHEET_XLSX_TITLE = "月度考勤表"
MONTH_SHEET_FIXED_HEADERS = ("序号", "姓名", "岗位")
MONTH_SHEET_SUMMARY_HEADERS = (("应出勤", "(天)"), ("实出勤", "(天)"), ("迟到", "次/分"),
                               ("早退", "次/分"), ("缺卡", "(次)"), ("旷工", "(天)"))
MONTH_SHEET_LEAVE_HEADER = "请假（天）"
MONTH_SHEET_OVERTIME_HEADER = ("加班", "(h)")
MONTH_SHEET_PERIOD = "考勤周期"
MONTH_SHEET_PERIOD_VALUE = "{first} 至 {last}"
MONTH_SHEET_REQUIRED = "本月应出勤"
MONTH_SHEET_DAYS = "{n} 天"
MONTH_SHEET_PEOPLE = "人数"
MONTH_SHEET_PEOPLE_VALUE = "{n} 人"
MONTH_SHEET_STATE = "状态"
MONTH_SHEET_LOCKED = "已锁定（{at}，{actor}）"
MONTH_SHEET_UNLOCKED = "未锁定（数据仍可更正）"
MONTH_SHEET_FLAG = "※"
MONTH_SHEET_FLAG_NOTE = "姓名后标“※”者：本月缺勤次数或累计迟到时间超过规定，须附《缺勤情况说明》。"
XLSX_DATE_BLANK = "        年     月     日"
# monthly sheet: deductions, remarks, totals, overtime by kind of day, per-page lines (issue 15)
MONTH_SHEET_LATE = ("迟到", "次/分")
MONTH_SHEET_EARLY = ("早退", "次/分")
MONTH_SHEET_COUNT_MINUTES = ("次", "分钟")
MONTH_SHEET_OVERTIME_KINDS = "加班（小时）"
MONTH_SHEET_OVERTIME_SHORT = ("工", "休", "节")
MONTH_SHEET_OVERTIME_LONG = ("工作日", "休息日", "节假日")
MONTH_SHEET_DEDUCTIONS = ("扣分", "(分)")
MONTH_SHEET_REMARKS = "备注"
MONTH_SHEET_TOTAL = "合计"
MONTH_SHEET_JOINED = "{m}月{d}日进场"
MONTH_SHEET_LEFT = "{m}月{d}日离场"
MONTH_SHEET_DAY = "{d}日"
MONTH_SHEET_HALF_DAY = "{d}日{session}"
MONTH_SHEET_REMARK_DAYS = "{what}：{days}"
MONTH_SHEET_CORRECTED = "补卡"
MONTH_SHEET_ABSENT_BY = "旷工（{reason}）"
MONTH_SHEET_NO_DATA = "无打卡数据 {n} 天（未计旷工，暂估）"
MONTH_SHEET_EXPLANATION_DUE = "须附缺勤情况说明"
MONTH_SHEET_SEVERE_NOTE = "“{mark}”= 迟到超过 {minutes} 分钟"
MONTH_SHEET_OVERTIME_LEGEND = "加班（小时）：工=工作日，休=休息日，节=法定节假日；扣分为本月行为分扣分"
MONTH_SHEET_INITIALS = "本页核对：制表人 __________    项目经理 __________"
MONTH_SHEET_FOOTER_TITLE = "驻场人员月度考勤表（{year}年{month}月）"
MONTH_SHEET_HEAD_PERIOD = "考勤周期：{first} 至 {last}（续表）"
MONTH_SHEET_XLSX_HEADER_RIGHT = "{year}年{month}月"
MONTH_SHEET_DATE_FORMAT = 'yyyy"年"m"月"d"日"'
MONTH_SHEET_DAY_FORMAT = 'd'
RAW_PUNCH_SHEET_TITLE = "原始打卡"
RAW_PUNCH_SHEET_HEADING = "驻场人员原始打卡记录（{year}年{month}月）"
RAW_PUNCH_SHEET_NOTE = "说明：考勤机数据原样列出（每人每天一行），不作修改；已撤回批次的打卡注明“已撤回”，不计入考勤；补卡（更正）列出更正的时段、时间、原因与审批人，原始打卡不因补卡而改变。"
RAW_PUNCH_SHEET_HEADERS = ("工号", "姓名", "考勤号", "日期", "打卡次数", "打卡时间（原始）", "考勤机",
                           "验证方式", "导入来源", "补卡（更正）")
RAW_PUNCH_REVERTED = "已撤回"
RAW_PUNCH_CORRECTION_NOTE = "{session}{slot} {time}（原因：{reason}；审批人：{approver}）"
RAW_PUNCH_NONE = "本月无打卡记录"
# raw punch record (SPEC A3)
PUNCH_RECORD_TITLE = "驻场人员打卡原始记录"
PUNCH_RECORD_SUBTITLE = "{name}（工号 {no}）  {month}"
PUNCH_RECORD_NOTE = "说明：原始打卡记录按考勤机数据原样保存，不作任何修改或删除；已撤回批次的打卡仍列出但不计入考勤。补卡和登记旷工另表列示，注明原因、审批人、登记人和时间。"
PUNCH_RECORD_CAPTION = "一、原始打卡记录（共 {n} 条，其中已撤回批次 {reverted} 条）"
PUNCH_RECORD_HEADERS = ("日期", "星期", "签到", "签退", "打卡时间", "考勤号", "考勤机", "验证方式", "导入批次", "说明", "当日考勤结果")
DOC_CORRECTION_CAPTION = "二、补卡记录（共 {n} 条）"
DOC_CORRECTION_HEADERS = ("日期", "时段", "补签", "补卡时间", "原因", "审批人", "登记人", "登记时间", "状态")
DOC_MANUAL_CAPTION = "三、登记旷工（共 {n} 条）"
DOC_MANUAL_HEADERS = ("日期", "时段", "情形", "说明", "登记人", "登记时间", "状态")
# absence explanation (RULES-FORMS-TERMS 4)
ABSENCE_FORM_TITLE = "缺勤情况说明"
ABSENCE_FORM_INTRO = "{name}在{month}的考勤中有以下缺勤情况，按项目考勤管理规定说明如下："
ABSENCE_DETAIL_CAPTION = "一、缺勤明细"
ABSENCE_DETAIL_HEADERS = ("序号", "日期", "星期", "时段", "类型", "时长", "备注")
ABSENCE_TOTAL_CAPTION = "二、本月合计"
ABSENCE_TOTAL_HEADERS = ("迟到\n次数", "迟到\n累计分钟", "早退\n次数", "早退\n累计分钟", "缺卡\n次数", "旷工", "缺勤\n合计次数", "迟到早退\n累计分钟")
ABSENCE_REASON_BOX = "三、情况说明（原因）"
ABSENCE_MEASURES_BOX = "四、整改措施/承诺"
ABSENCE_PM_OPINION = "项目经理意见"
ABSENCE_VERIFY_OPINION = "{party}核实意见"
# roster PDF
ROSTER_PDF_NOTE = "打印日期：{date}    共 {n} 人    身份证号、电话已按个人信息保护要求脱敏。"

# ---- printing from the UI ----------------------------------------------------------------
PRINT_SAVE_TITLE = "保存 {what}"
PRINT_PDF_FILTER = "PDF 文件 (*.pdf)"
PRINT_XLSX_FILTER = "Excel 文件 (*.xlsx)"
PRINT_MAKING = "正在生成 {name}…"
PRINT_DONE = "已生成：{path}"
PRINT_OPEN_FAILED = "已生成 {path}，但无法用系统程序打开，请手动打开该文件。"
# attendance printouts: file names, CLI help, the calendar tab's print menu
DOC_PERSON_NOT_IN_MONTH = "{name} 在 {month} 不在驻场期内，没有考勤数据。"
DOC_MONTH_SHEET = "月度考勤表"
DOC_MONTH_NAME = "{year}年{month:02d}月_月度考勤表_{project}.{ext}"
DOC_PUNCH_RECORD = "打卡原始记录"
DOC_PUNCH_NAME = "{year}年{month:02d}月_打卡原始记录_{name}.pdf"
DOC_EXPLANATION = "缺勤情况说明"
DOC_EXPLANATION_NAME = "{year}年{month:02d}月_缺勤情况说明_{name}.pdf"
DOC_ROSTER_NAME = "花名册_{project}_{date}.pdf"
H_PDF = "输出 PDF 文件"
H_XLSX = "输出 Excel 文件"
H_CMD_PUNCHES = "打印某人某月的打卡原始记录（含补卡与登记，供技术部/监理核查）"
H_CMD_EXPLANATION = "生成某人某月的《缺勤情况说明》（已预填明细与合计）"
ATT_PRINT = "打印与导出"
ATT_PRINT_MONTH_PDF = "月度考勤表（PDF）…"
ATT_PRINT_MONTH_XLSX = "月度考勤表（Excel）…"
ATT_PRINT_PUNCHES = "所选人员的打卡原始记录…"
ATT_PRINT_EXPLANATION = "所选人员的缺勤情况说明…"
ATT_PICK_PERSON = "请先在表格中点选一个人（或他某一天的格子）。"
# forms: tick boxes, running heads, dates, form numbers (issue 15)
DOC_TICKED = "■"
DOC_UNTICKED = "□"
DOC_OTHER_OPTION = "其他："
DOC_DATE_CN = "{y}年{m}月{d}日"
DOC_DATETIME_CN = "{y}年{m}月{d}日 {hm}"
DOC_MONTH_DAY_CN = "{m}月{d}日"
DOC_RUNNING_HEAD = "{what}（续页）  {subject}"
DOC_TABLE_CONTINUED = "{caption}（续）"
DOC_RUNNING_PERSON = "姓名：{name}  工号：{no}  {month}"
DOC_ROLE_SUPERVISOR_FIRM = "监理单位（{firm}）"
DOC_CLIENT_DEPT = "{client}（{dept}）"
DOC_ROLE_VERIFY = "{party}核实"
DOC_CORRECTED_MARK = "补"
DOC_STAFF_SIGN = "本人签字"
