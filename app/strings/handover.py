"""Staff changes and handover: deadlines, checklist, dialogs, forms, CLI, demo data."""

# ---- change and handover -----------------------------------------------------------------
CH_KIND_LABELS = {
    "leave": "离场", "replace": "更换", "add": "新增", "role_change": "岗位调整",
    "client_demanded": "甲方要求更换",
}
CH_STATE_LABELS = {"planned": "进行中", "done": "已完成", "cancelled": "已撤销"}
CH_REASON_KIND_LABELS = {"personal": "本人原因", "client": "甲方要求", "company": "公司调整"}
CH_STEP_LABELS = {
    "notice": "变动通知", "application": "变更申请", "approval": "审核同意",
    "handover_start": "开始交接", "finish": "交接完成", "replacement": "15个工作日内更换",
}
CH_STATUS_LABELS = {"on_time": "未到期", "due_soon": "即将到期", "overdue": "已逾期", "done": "已完成"}
CH_PROBLEM_LABELS = {
    "leaving_missing": "未指定原人员",
    "joining_missing": "尚未确定接替人员",
    "handover_too_short": "交接期不足10个工作日",
    "handover_starts_late": "交接开始晚于最迟开始日（变更日期前10个工作日）",
    "handover_ends_late": "交接结束不早于变更日期",
    "beyond_replacement_limit": "变更日期超出甲方要求更换的15个工作日期限",
    "no_certificate": "接替人员花名册中没有资质证书附件",
    "no_resume": "接替人员花名册中没有简历附件",
    "no_nda": "接替人员尚未签署保密协议",
}
CH_RETURN_ITEM = "资料、设备、钥匙、门禁卡归还"
CH_RETURN_EQUIPMENT = "归还：{item}"
CH_DEFAULT_ITEMS = (
    ("运维文档：系统/设备清单", ""),
    ("运维文档：网络拓扑", ""),
    ("运维文档：配置与账号清单", "保密，当面移交"),
    ("运维文档：应急预案", ""),
    ("运维情况报告（含未结问题与工单）", ""),
    ("现场培训", "内容/日期/课时："),
    ("资料、设备、钥匙、门禁卡归还", ""),
    ("系统账号与权限回收", ""),
)
CH_ARROW = " → "
CH_NOBODY = "（未指定人员）"
CH_NONE = "（无）"
CH_DASH = "—"
CH_WARNING = "{who}：{step} {due} 截止（{when}）"
CH_WHEN_OVERDUE = "已逾期 {n} 天"
CH_WHEN_TODAY = "今天截止"
CH_WHEN_LEFT = "还有 {n} 个工作日"
CH_STATUS_BAR = "变更交接：{n} 项期限临近或已过（逾期 {overdue} 项）。{first}"
# errors (each names its field)
CH_E_NOT_FOUND = "找不到变更记录 #{id}。"
CH_E_ITEM_NOT_FOUND = "找不到交接事项 #{id}。"
CH_E_NOT_PLANNED = "变更 #{id} 当前为“{state}”，不能再修改。"
CH_E_KIND = "变更类型不对：{kind}。可用：{kinds}"
CH_E_LEAVING_REQUIRED = "请选择原人员（离场、更换、岗位调整都需要）。"
CH_E_JOINING_REQUIRED = "新增人员须选择接替（新到岗）人员。"
CH_E_ADD_NO_LEAVING = "新增人员不涉及原人员，请把“原人员”选为（无）。"
CH_E_SAME_PERSON = "接替人员不能与原人员是同一人。"
CH_E_PERSON_LEFT = "{name} 已离场，不能参与新的变更。"
CH_E_DEMAND_REQUIRED = "甲方要求更换须填写甲方提出要求的日期。"
CH_E_DEMAND_AFTER = "甲方提出要求的日期 {demand} 晚于变更日期 {change}。"
CH_E_NEW_ROLE = "岗位调整须填写新岗位。"
CH_E_REASON_KIND = "变更原因类别不对：{value}。可用：{kinds}"
CH_E_APPROVER = "审核人不能为空。"
CH_E_APPROVAL_DATE = "请填写审核日期。"
CH_E_CANCEL_REASON = "撤销变更须填写原因。"
CH_E_HANDOVER_END = "交接结束日期 {end} 早于开始日期 {start}。"
CH_E_NO_HANDOVER = "新增人员没有工作交接。"
CH_E_ITEM_TITLE = "交接事项不能为空。"
CH_E_OPEN_ITEMS = "还有 {n} 项交接事项未完成：{items}。请完成后再结束，或填写“未完成说明”。"
CH_E_DOC_KIND = "表单类型不对：{kind}。可用：{kinds}"
# command line
CH_H_CMD = "人员变更与工作交接：期限计算、登记、列表、打印"
CH_H_PLAN = "按节假日表计算变更的各项期限（变动通知、变更申请、最迟开始交接、15个工作日更换期限）"
CH_H_ADD = "登记一项人员变更（自动生成交接清单）"
CH_H_LIST = "列出人员变更"
CH_H_PDF = "打印变更表单：notice（项目人员变动通知）、application（项目人员变更申请表）、handover（工作交接确认表）"
CH_H_CHANGE_DATE = "变更生效日期（接替人员独立上岗、原人员不再驻场之日），例如 2026-12-21"
CH_H_DEMAND_DATE = "甲方提出更换要求的日期（甲方要求更换时填写）"
CH_H_KIND = "变更类型：leave（离场）、replace（更换）、add（新增）、role_change（岗位调整）、client_demanded（甲方要求更换）"
CH_H_LEAVING = "原人员工号"
CH_H_JOINING = "接替（新到岗）人员工号"
CH_H_NEW_ROLE = "岗位调整后的新岗位"
CH_H_ID = "变更记录编号"
CH_H_PDF_KIND = "表单：notice、application 或 handover"
CH_CLI_BAD_DATE = "{what} 日期无法识别：{value}（应为 2026-12-21 这样的格式）"
CH_CLI_PLAN = "变更日期 {change}：变动通知 {notice} 前；变更申请 {application} 前；最迟 {start} 开始交接{mark}"
CH_CLI_PLAN_REPLACEMENT = "甲方要求更换：须于 {due} 前完成（15个工作日内）"
CH_CLI_ADDED = "已登记变更 #{id}：{kind} {who}，变更日期 {date}"
CH_CLI_ROW = "#{id}\t{kind}\t{who}\t{date}\t{state}\t未完成交接事项 {open}"
# tab
CH_NEW = "新建变更…"
CH_EDIT = "编辑…"
CH_APPROVE = "登记审核…"
CH_HANDOVER = "交接清单…"
CH_BEGIN = "开始交接"
CH_FINISH_BUTTON = "完成变更…"
CH_CANCEL = "撤销…"
CH_PRINT = "打印"
CH_FILTER_OPEN = "进行中"
CH_FILTER_ALL = "全部"
CH_HEADERS = ("编号", "类型", "人员", "变更日期", "下一期限", "状态", "未完成事项")
CH_CHECK_HEADERS = ("完成", "交接事项", "数量/说明", "完成日期", "备注")
CH_TIMELINE_TITLE = "期限（绿色未到期 · 黄色3个工作日内到期 · 红色已逾期 · 灰色已完成）"
CH_CHECKLIST_TITLE = "交接清单"
CH_DETAIL_NONE = "选择一项变更查看期限、审核和交接情况。"
CH_NEXT = "{name} {due} · {status}"
CH_PROBLEMS = "需要注意："
CH_NOT_YET = "尚未审核"
CH_APPROVAL_TEXT = "{name} {on} {opinion}"
CH_HANDOVER_PEOPLE = "移交人 {handed}，接收人 {received}，监交人 {witness}"
CH_CHECKLIST_COUNT = "已完成 {done} / 共 {n} 项"
CH_BEGIN_ASK = "今天（{date}）开始工作交接？\n花名册中 {name} 的状态将改为“交接中”。"
CH_CANCEL_ASK = "撤销原因："
CH_DOC_LABELS = {"notice": "项目人员变动通知", "application": "项目人员变更申请表", "handover": "工作交接确认表"}
CH_DOC_FILE_NAME = "{what}_{who}_#{id}.pdf"
CH_TL_DUE = "截止 {due}"
CH_TL_DONE = "完成 {done}"
CH_TL_LATE = "（逾期）"
CH_TL_CHANGE = "变更生效"
CH_TL_EMPTY = "（未选择变更）"
CH_TL_TIP = "{name}：{due} 截止，{status} {done}"
# dialogs
CH_DLG_NEW = "新建人员变更"
CH_DLG_EDIT = "编辑人员变更 #{id}"
CH_DLG_APPROVAL = "登记审核意见：{who}"
CH_DLG_HANDOVER = "工作交接：{who}"
CH_DLG_FINISH = "完成变更：{who}"
CH_DLG_PREVIEW = "期限：变动通知 {notice} 前送达；变更申请 {application} 前提交；最迟 {start} 开始交接（不少于10个工作日）"
CH_DLG_PREVIEW_REPLACEMENT = "；甲方要求更换须于 {due} 前完成"
CH_DLG_PREVIEW_ESTIMATE = "。（所涉年份放假安排未导入，工作日期限为暂估）"
CH_PERSON_ITEM = "{name}（{no}，{status}）"
CH_JOINING_FACTS = "资质证书：{cert}　简历：{resume}　保密协议：{nda}"
CH_HAVE = "有"
CH_MISSING = "无"
CH_GENDERS = ("男", "女")
CH_EDUCATION_HINT = "例如：本科 / 计算机科学与技术"
CH_CERTS_HINT = "资质证书名称及编号（留空则取花名册中的证书附件）"
CH_F_KIND = "变更类型"
CH_F_LEAVING = "原人员"
CH_F_JOINING = "接替人员"
CH_F_JOINING_FILES = "接替人员材料"
CH_F_JOINING_DETAILS = "接替人员情况"
CH_F_GENDER = "性别"
CH_F_EDUCATION = "学历/专业"
CH_F_YEARS = "工作年限"
CH_F_CERTS = "资质证书"
CH_F_CHANGE_DATE = "变更生效日期"
CH_F_CHANGE_DATE_TIP = "自该日起由接替人员独立上岗、原人员不再驻场；原人员最后在岗日为其前一个工作日。各项期限都从这一天往前算。"
CH_F_DEMAND_DATE = "甲方提出日期"
CH_F_REASON_KIND = "变更原因类别"
CH_F_REASON = "变更原因"
CH_F_PLAN = "接替安排"
CH_F_NEW_ROLE = "新岗位"
CH_F_NOTICE_SENT = "变动通知送达日期"
CH_F_APPLICATION_SENT = "变更申请提交日期"
CH_F_CLIENT_APPROVAL = "{dept}审核"
CH_F_SUPERVISOR_APPROVAL = "监理单位审核"
CH_F_PARTY = "审核单位"
CH_F_APPROVER = "审核人"
CH_F_APPROVED_ON = "审核日期"
CH_F_OPINION = "审核意见"
CH_F_HANDED_BY = "移交人"
CH_F_RECEIVED_BY = "接收人"
CH_F_WITNESSED_BY = "监交人"
CH_F_HANDOVER_PEOPLE = "交接人员"
CH_F_PERIOD = "交接期"
CH_F_CHECKLIST = "交接清单"
CH_F_ASSESSMENT = "现场考核结果"
CH_F_ASSESSED_ON = "考核日期"
CH_F_PROBATION_END = "试用期至"
CH_F_FINISH_ON = "完成日期（原人员最后在岗日）"
CH_F_OVERRIDE = "未完成说明"
CH_DAYS = "共 {n} 个工作日"
CH_DAYS_SHORT = "共 {n} 个工作日（不足10个工作日）"
CH_NEW_ITEM_HINT = "新增交接事项"
CH_NEW_ITEM_DETAIL_HINT = "数量/说明"
CH_ADD_ITEM = "添加事项"
CH_OVERRIDE_HINT = "有未完成的交接事项时须说明原因（会印在交接确认表上）"
CH_FINISH = "完成变更"
CH_FINISH_OPEN = "还有 {n} 项交接事项未完成：{items}"
CH_FINISH_ALL_DONE = "交接清单已全部完成。"
CH_FINISH_EFFECT = "完成后花名册随之更新：原人员改为“已离场”（离场日期为完成日期），接替人员由“待入场”改为“在岗”。"
# forms
CH_DOC_ESTIMATE = "（暂估）"
CH_DOC_TBD = "待定"
CH_DOC_NO = "编号"
CH_DOC_KIND = "变动类型"
CH_DOC_REASON = "变动原因"
CH_DOC_CHANGE_DATE = "计划变动日期"
CH_DOC_PLANNED_LEAVE = "计划离场日期"
CH_DOC_NOTICE_TITLE = "项目人员变动通知"
CH_DOC_NOTICE_DATE = "通知日期"
CH_DOC_TO = "致：{to}"
CH_DOC_TO_DEFAULT = "{dept}、监理单位"
CH_DOC_NOTICE_INTRO = "根据项目驻场人员管理制度，项目人员变动须提前1个月书面通知{dept}和监理单位。现将以下人员变动事项通知如下："
CH_DOC_NOTICE_END = "特此通知。"
CH_DOC_CHANGE_KIND = "变更类型"
CH_DOC_REASON_DETAIL = "原因说明"
CH_DOC_EFFECTIVE = "变更生效日期"
CH_DOC_SUCCESSION = "接替安排"
CH_DOC_SUCCESSOR = "拟接替人 {name}（{role}），预计到岗 {start}"
CH_DOC_NEW_ROLE = "调整后岗位：{role}"
CH_DOC_NO_SUCCESSOR = "不安排接替"
CH_DOC_NOTICE_DUE = "通知期限"
CH_DOC_NOTICE_DUE_TEXT = "变动日期 {change} 前一个月，即 {due} 前送达"
CH_DOC_RECEIPT = "签收"
CH_DOC_RECEIVED_BY = "{party}签收"
CH_DOC_APPLICATION_TITLE = "项目人员变更申请表"
CH_DOC_APPLICATION_DATE = "申请日期"
CH_DOC_ORIGINAL = "一、原人员"
CH_DOC_PROPOSED = "二、拟变更人员"
CH_DOC_CERTIFICATES = "资质证书"
CH_DOC_GENDER = "性别"
CH_DOC_EDUCATION = "学历/专业"
CH_DOC_YEARS = "工作年限"
CH_DOC_CERT_NAMES = "资质证书名称及编号"
CH_DOC_ARRIVAL = "预计到岗日期"
CH_DOC_ATTACHMENTS = "附件"
CH_DOC_ATT_CERT = "资质证书复印件"
CH_DOC_ATT_RESUME = "简历"
CH_DOC_ATT_NDA = "保密协议"
CH_DOC_REASON_KIND = "变更原因"
CH_DOC_HANDOVER_PLAN = "交接计划"
CH_DOC_PLAN = "{start} 至 {end}，共 {n} 个工作日"
CH_DOC_PLAN_SHORT = "（不足10个工作日）"
CH_DOC_PLAN_BLANK = "____年__月__日 至 ____年__月__日，共 ____ 个工作日（不少于10个工作日）"
CH_DOC_APPLICATION_DUE = "申请期限"
CH_DOC_APPLICATION_DUE_TEXT = "变更日期 {change} 前12个工作日，即 {due} 前提交{mark}"
CH_DOC_DEMAND = "甲方要求更换"
CH_DOC_DEMAND_TEXT = "甲方于 {demand} 提出，须于 {due} 前完成更换（15个工作日内）{mark}"
CH_DOC_PROBATION = "试用期"
CH_DOC_PROBATION_TEXT = "接替人员经变更申请审核同意后开始试用，试用期至 {end}。"
CH_DOC_PROMISE = "承诺：拟变更人员的资质、技术能力和工作经验不低于原人员；变更经{dept}和监理单位审核同意后执行，工作交接不少于{n}个工作日。"
CH_DOC_OPINION = "{party}审核意见"
CH_DOC_AGREED = "同意"
CH_DOC_APPROVED_TEXT = "{opinion}（{name}，{on} 已审核）"
CH_DOC_HANDOVER_TITLE = "工作交接确认表"
CH_DOC_HANDED_BY = "移交人"
CH_DOC_RECEIVED_BY_FIELD = "接收人"
CH_DOC_WITNESSED_BY = "监交人"
CH_DOC_PERIOD_LABEL = "交接期"
CH_DOC_PERIOD = "{start} 至 {end}（共 {n} 个工作日）"
CH_DOC_PERIOD_BLANK = "____年__月__日 至 ____年__月__日"
CH_DOC_CHECKLIST_CAPTION = "交接清单"
CH_DOC_CHECKLIST_HEADERS = ("序号", "交接事项", "数量/说明", "完成（√）", "备注")
CH_DOC_CHECK = "√"
CH_DOC_DONE_ON = "{day} 完成"
CH_DOC_ASSESSMENT = "现场考核结果"
CH_DOC_ASSESSED = "{text}（考核日期 {on}）"
CH_DOC_OVERRIDE = "未完成事项说明：{text}"
CH_DOC_HANDOVER_STATEMENT = "上述工作已全部交接清楚，资料、设备及账号权限已移交或收回。自交接完成之日起，相关工作由接收人负责。"
CH_DOC_CLIENT_CONFIRM = "{client}确认"
CH_DEMO = {
    "reason": "本人原因申请离职，已提前一个月书面提出",
    "plan": "由孙嘉怡接替数据库与报表的日常运维工作",
    "gender": "女",
    "education": "本科 / 计算机科学与技术",
    "years": "6年",
    "client_approver": "郑海燕",
    "client_opinion": "同意更换，请按计划完成交接",
}
CH_DEMO_ITEM_NOTES = ("已整理为电子版，存放于运维共享盘", "已更新至11月")
CH_DEMO_EQUIPMENT = (("笔记本电脑", "HX-NB-0106"), ("门禁卡", "MJ-2306"))
CH_DEMO_ATTACHMENTS = (("resume", "简历"), ("certificate", "数据库系统工程师证书（软考中级）"))

CH_E_HANDOVER_STARTED = "变更 #{id} 的交接已于 {on} 开始。"
