<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../widgets/about_dialog.py" line="26"/>
        <source>关于网格指挥台</source>
        <translation>About GridDesk</translation>
    </message>
    <message>
        <location filename="../../widgets/about_dialog.py" line="28"/>
        <source>GridDesk 网格指挥台</source>
        <translation>GridDesk command-and-dispatch desk</translation>
    </message>
    <message>
        <location filename="../../widgets/about_dialog.py" line="33"/>
        <source>版本 {version}</source>
        <translation>Version {version}</translation>
    </message>
</context>
<context>
    <name>AlarmPanel</name>
    <message>
        <location filename="../../widgets/alarm_panel.py" line="206"/>
        <source>确认预警</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <location filename="../../widgets/alarm_panel.py" line="207"/>
        <source>本岗位已知悉：停止提示音，预警仍保留</source>
        <translation>This post has seen it: the sound stops, the alarm stays</translation>
    </message>
    <message>
        <location filename="../../widgets/alarm_panel.py" line="209"/>
        <source>静音</source>
        <translation>Mute</translation>
    </message>
</context>
<context>
    <name>AlarmTableModel</name>
    <message>
        <location filename="../../widgets/alarm_panel.py" line="68"/>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../widgets/alarm_panel.py" line="69"/>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../widgets/alarm_panel.py" line="70"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../widgets/alarm_panel.py" line="71"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../widgets/alarm_panel.py" line="72"/>
        <source>时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../widgets/alarm_panel.py" line="73"/>
        <source>截止时间</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../widgets/alarm_panel.py" line="74"/>
        <source>剩余/超时</source>
        <translation>Left / overdue</translation>
    </message>
    <message>
        <location filename="../../widgets/alarm_panel.py" line="76"/>
        <source>已确认</source>
        <translation>Acknowledged by</translation>
    </message>
    <message>
        <location filename="../../widgets/alarm_panel.py" line="79"/>
        <source>设备离线</source>
        <translation>Device offline</translation>
    </message>
    <message>
        <location filename="../../widgets/alarm_panel.py" line="80"/>
        <source>设备心跳</source>
        <translation>Heartbeat</translation>
    </message>
    <message>
        <location filename="../../widgets/alarm_panel.py" line="127"/>
        <source>已离线 {span}</source>
        <translation>offline for {span}</translation>
    </message>
    <message>
        <location filename="../../widgets/alarm_panel.py" line="75"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
</context>
<context>
    <name>BulletinDialog</name>
    <message>
        <location filename="../../widgets/bulletin_dialog.py" line="49"/>
        <source>风险情况通报</source>
        <translation>Risk bulletin</translation>
    </message>
    <message>
        <location filename="../../widgets/bulletin_dialog.py" line="58"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../widgets/bulletin_dialog.py" line="58"/>
        <source>内容</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../widgets/bulletin_dialog.py" line="58"/>
        <source>相关事件</source>
        <translation>Events</translation>
    </message>
    <message>
        <location filename="../../widgets/bulletin_dialog.py" line="71"/>
        <source>添加条目</source>
        <translation>Add item</translation>
    </message>
    <message>
        <location filename="../../widgets/bulletin_dialog.py" line="72"/>
        <source>删除条目</source>
        <translation>Remove item</translation>
    </message>
    <message>
        <location filename="../../widgets/bulletin_dialog.py" line="73"/>
        <source>签发</source>
        <translation>Issue</translation>
    </message>
    <message>
        <location filename="../../widgets/bulletin_dialog.py" line="74"/>
        <source>导出 PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <location filename="../../widgets/bulletin_dialog.py" line="111"/>
        <source>{day} 风险情况通报（草稿，共 {n} 条建议）</source>
        <translation>Risk bulletin of {day} (draft, {n} proposed items)</translation>
    </message>
    <message>
        <location filename="../../widgets/bulletin_dialog.py" line="117"/>
        <source>建议条目由数据生成：可修改标题和内容，添加或删除条目，然后签发。</source>
        <translation>The items are proposed from the data: edit their titles and texts, add or remove items, then issue.</translation>
    </message>
    <message>
        <location filename="../../widgets/bulletin_dialog.py" line="119"/>
        <source>数据中未发现需通报的风险：可添加条目后签发。</source>
        <translation>The data shows no risk to report: add items, then issue.</translation>
    </message>
    <message>
        <location filename="../../widgets/bulletin_dialog.py" line="127"/>
        <source>{title} · {day} · 签发：{who}</source>
        <translation>{title} · {day} · issued by {who}</translation>
    </message>
    <message>
        <location filename="../../widgets/bulletin_dialog.py" line="134"/>
        <source>已签发，内容不可再修改。</source>
        <translation>Issued: it can no longer be changed.</translation>
    </message>
    <message>
        <location filename="../../widgets/bulletin_dialog.py" line="155"/>
        <source>、</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>BulletinNotice</name>
    <message>
        <location filename="../../widgets/bulletin_dialog.py" line="203"/>
        <source>查看</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../widgets/bulletin_dialog.py" line="220"/>
        <source>{title}已签发（{who}）</source>
        <translation>{title} issued ({who})</translation>
    </message>
</context>
<context>
    <name>BulletinWork</name>
    <message>
        <location filename="../../desktop/bulletin_work.py" line="54"/>
        <source>风险情况通报…</source>
        <translation>Risk bulletin…</translation>
    </message>
    <message>
        <location filename="../../desktop/bulletin_work.py" line="135"/>
        <source>导出风险情况通报</source>
        <translation>Export the risk bulletin</translation>
    </message>
    <message>
        <location filename="../../desktop/bulletin_work.py" line="137"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop/bulletin_work.py" line="152"/>
        <source>无法写入文件 {path}：{reason}</source>
        <translation>Cannot write the file {path}: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/bulletin_work.py" line="157"/>
        <source>已导出{title}到 {path}</source>
        <translation>Exported {title} to {path}</translation>
    </message>
</context>
<context>
    <name>CalendarDialog</name>
    <message>
        <location filename="../../widgets/calendar_dialog.py" line="46"/>
        <source>工作日历</source>
        <translation>Working-day calendar</translation>
    </message>
    <message>
        <location filename="../../widgets/calendar_dialog.py" line="52"/>
        <source>本年的法定节假日（休息）与调休上班日：国家日历的安排，及本中心录入的（国家日历尚未发布的年份，或更正）；未列出的日期按周一至周五计。</source>
        <translation>The year&apos;s public holidays (off) and make-up working days: the official calendar&apos;s, and the centre&apos;s own rows (for a year the official calendar does not know yet, or a correction); days not listed follow Monday to Friday.</translation>
    </message>
    <message>
        <location filename="../../widgets/calendar_dialog.py" line="60"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../widgets/calendar_dialog.py" line="60"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../widgets/calendar_dialog.py" line="60"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../widgets/calendar_dialog.py" line="60"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../widgets/calendar_dialog.py" line="72"/>
        <location filename="../../widgets/calendar_dialog.py" line="172"/>
        <source>休息</source>
        <translation>Off</translation>
    </message>
    <message>
        <location filename="../../widgets/calendar_dialog.py" line="73"/>
        <location filename="../../widgets/calendar_dialog.py" line="172"/>
        <source>上班</source>
        <translation>Working</translation>
    </message>
    <message>
        <location filename="../../widgets/calendar_dialog.py" line="76"/>
        <source>如：春节、调休上班</source>
        <translation>e.g. Spring Festival, make-up working day</translation>
    </message>
    <message>
        <location filename="../../widgets/calendar_dialog.py" line="77"/>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../widgets/calendar_dialog.py" line="78"/>
        <source>移除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <location filename="../../widgets/calendar_dialog.py" line="85"/>
        <source>保存并重算时限</source>
        <translation>Save and recompute deadlines</translation>
    </message>
    <message>
        <location filename="../../widgets/calendar_dialog.py" line="86"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../widgets/calendar_dialog.py" line="88"/>
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../widgets/calendar_dialog.py" line="134"/>
        <source>国家日历中还没有 {year} 年的节假日安排：请按国务院通知录入</source>
        <translation>The official calendar has no holidays for {year} yet: enter them from the State Council&apos;s notice</translation>
    </message>
    <message>
        <location filename="../../widgets/calendar_dialog.py" line="166"/>
        <source>{holiday}调休上班</source>
        <translation>{holiday}: make-up working day</translation>
    </message>
    <message>
        <location filename="../../widgets/calendar_dialog.py" line="167"/>
        <source>国家日历</source>
        <translation>Official calendar</translation>
    </message>
    <message>
        <location filename="../../widgets/calendar_dialog.py" line="169"/>
        <source>本中心</source>
        <translation>This centre</translation>
    </message>
    <message>
        <location filename="../../widgets/calendar_dialog.py" line="181"/>
        <source>日期不在 {year} 年内</source>
        <translation>The date is not in {year}</translation>
    </message>
    <message>
        <location filename="../../widgets/calendar_dialog.py" line="194"/>
        <source>国家日历的日期不能移除；如需更改，请添加该日期的一行（上班或休息）</source>
        <translation>An official day cannot be removed; to change it, add a row for that day (working or rest)</translation>
    </message>
</context>
<context>
    <name>ChecklistPanel</name>
    <message>
        <location filename="../../widgets/emergency.py" line="150"/>
        <location filename="../../widgets/emergency.py" line="181"/>
        <source>常态模式：无处置清单</source>
        <translation>Normal mode: no checklist</translation>
    </message>
    <message>
        <location filename="../../widgets/emergency.py" line="154"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../widgets/emergency.py" line="154"/>
        <source>处置事项</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../widgets/emergency.py" line="154"/>
        <source>时限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../widgets/emergency.py" line="154"/>
        <source>完成人</source>
        <translation>Done by</translation>
    </message>
</context>
<context>
    <name>DeviceHistory</name>
    <message>
        <location filename="../../widgets/device_history.py" line="38"/>
        <source>上线</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../widgets/device_history.py" line="39"/>
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../widgets/device_history.py" line="40"/>
        <source>报警</source>
        <translation>Alarm</translation>
    </message>
    <message>
        <location filename="../../widgets/device_history.py" line="41"/>
        <source>报警解除</source>
        <translation>Alarm cleared</translation>
    </message>
    <message>
        <location filename="../../widgets/device_history.py" line="48"/>
        <source>收到心跳</source>
        <translation>Heartbeat received</translation>
    </message>
    <message>
        <location filename="../../widgets/device_history.py" line="49"/>
        <source>连续三次未收到心跳</source>
        <translation>Three heartbeats missed</translation>
    </message>
    <message>
        <location filename="../../widgets/device_history.py" line="50"/>
        <source>网关断线（遗嘱消息）</source>
        <translation>Gateway lost (last will)</translation>
    </message>
    <message>
        <location filename="../../widgets/device_history.py" line="57"/>
        <source>严重</source>
        <translation>Critical</translation>
    </message>
    <message>
        <location filename="../../widgets/device_history.py" line="58"/>
        <source>重要</source>
        <translation>Major</translation>
    </message>
    <message>
        <location filename="../../widgets/device_history.py" line="59"/>
        <source>一般</source>
        <translation>Minor</translation>
    </message>
    <message>
        <location filename="../../widgets/device_history.py" line="60"/>
        <source>提示</source>
        <translation>Warning</translation>
    </message>
</context>
<context>
    <name>DeviceHistoryDialog</name>
    <message>
        <location filename="../../widgets/device_history.py" line="138"/>
        <source>查看事件</source>
        <translation>Open event</translation>
    </message>
    <message>
        <location filename="../../widgets/device_history.py" line="161"/>
        <source>设备履历 {code}</source>
        <translation>Device history {code}</translation>
    </message>
    <message>
        <location filename="../../widgets/device_history.py" line="162"/>
        <source>在线</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../widgets/device_history.py" line="162"/>
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../widgets/device_history.py" line="167"/>
        <source>{code} {name}（{kind}，网格 {grid}）
{state}，自 {since} 起；最后一次心跳 {seen}</source>
        <translation>{code} {name} ({kind}, grid {grid})
{state} since {since}; last heartbeat {seen}</translation>
    </message>
</context>
<context>
    <name>DeviceHistoryModel</name>
    <message>
        <location filename="../../widgets/device_history.py" line="70"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../widgets/device_history.py" line="71"/>
        <source>发生</source>
        <translation>What</translation>
    </message>
    <message>
        <location filename="../../widgets/device_history.py" line="72"/>
        <source>详情</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location filename="../../widgets/device_history.py" line="73"/>
        <source>级别</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../widgets/device_history.py" line="74"/>
        <source>次数</source>
        <translation>Count</translation>
    </message>
    <message>
        <location filename="../../widgets/device_history.py" line="75"/>
        <source>读数</source>
        <translation>Reading</translation>
    </message>
    <message>
        <location filename="../../widgets/device_history.py" line="76"/>
        <source>事件</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../../widgets/device_history.py" line="77"/>
        <source>事件状态</source>
        <translation>Event state</translation>
    </message>
</context>
<context>
    <name>DeviceList</name>
    <message>
        <location filename="../../widgets/device_list.py" line="38"/>
        <source>地磁车位检测器</source>
        <translation>Parking sensor</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="39"/>
        <source>积水监测仪</source>
        <translation>Water-level sensor</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="40"/>
        <source>烟感探测器</source>
        <translation>Smoke detector</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="41"/>
        <source>井盖传感器</source>
        <translation>Manhole sensor</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="42"/>
        <source>消防通道监测仪</source>
        <translation>Fire-lane monitor</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="49"/>
        <source>消息过大</source>
        <translation>Message too large</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="50"/>
        <source>主题不对</source>
        <translation>Wrong topic</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="51"/>
        <source>不是有效的 JSON</source>
        <translation>Not valid JSON</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="52"/>
        <source>字段缺失或类型不对</source>
        <translation>Field missing or of the wrong type</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="53"/>
        <source>设备与主题不符</source>
        <translation>Device does not match the topic</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="54"/>
        <source>未知设备</source>
        <translation>Unknown device</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="55"/>
        <source>未知报警类型</source>
        <translation>Unknown alarm type</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="56"/>
        <source>级别不对</source>
        <translation>Wrong severity</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="57"/>
        <source>状态不对</source>
        <translation>Wrong state</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="58"/>
        <source>时间在未来</source>
        <translation>Time in the future</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="59"/>
        <source>时间过旧</source>
        <translation>Time too old</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="60"/>
        <source>报警类型没有对应的事件类别</source>
        <translation>The alarm type has no event category</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="61"/>
        <source>消息过多（刷屏）</source>
        <translation>Too many messages (flood)</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="62"/>
        <source>无法处理</source>
        <translation>Could not be processed</translation>
    </message>
</context>
<context>
    <name>DeviceListPanel</name>
    <message>
        <location filename="../../widgets/device_list.py" line="133"/>
        <source>只看离线</source>
        <translation>Offline only</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="134"/>
        <source>被拒收的消息…</source>
        <translation>Rejected messages…</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="135"/>
        <source>设备履历…</source>
        <translation>Device history…</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="183"/>
        <source>设备 {total} 台：在线 {online}，离线 {offline}；未解除报警 {alarms}</source>
        <translation>{total} devices: {online} online, {offline} offline; {alarms} open alarms</translation>
    </message>
</context>
<context>
    <name>DeviceTableModel</name>
    <message>
        <location filename="../../widgets/device_list.py" line="72"/>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="73"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="74"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="75"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="76"/>
        <source>状态起始</source>
        <translation>Since</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="77"/>
        <source>未解除报警</source>
        <translation>Open alarms</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="78"/>
        <source>报警次数</source>
        <translation>Raised</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="112"/>
        <source>在线</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="112"/>
        <source>离线</source>
        <translation>Offline</translation>
    </message>
</context>
<context>
    <name>DispatchRuleDialog</name>
    <message>
        <location filename="../../widgets/rule_dialog.py" line="65"/>
        <source>任意</source>
        <translation>any</translation>
    </message>
    <message>
        <location filename="../../widgets/rule_dialog.py" line="71"/>
        <source>规则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <location filename="../../widgets/rule_dialog.py" line="72"/>
        <source>模式</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location filename="../../widgets/rule_dialog.py" line="73"/>
        <source>优先级</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../widgets/rule_dialog.py" line="74"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../widgets/rule_dialog.py" line="75"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../widgets/rule_dialog.py" line="76"/>
        <source>处置力量</source>
        <translation>Assigned to</translation>
    </message>
    <message>
        <location filename="../../widgets/rule_dialog.py" line="77"/>
        <source>职能部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../widgets/rule_dialog.py" line="78"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../widgets/rule_dialog.py" line="177"/>
        <source>派单规则</source>
        <translation>Dispatch rules</translation>
    </message>
    <message>
        <location filename="../../widgets/rule_dialog.py" line="193"/>
        <source>规则按所指定条件匹配，指定越多越优先（模式 &gt; 优先级 &gt; 类别 &gt; 网格）；复杂事件与超时事件始终由挂包领导牵头。</source>
        <translation>Rules match on the conditions they name; the more specific wins (mode &gt; priority &gt; category &gt; grid). Complex and overdue events always go to the leader in charge.</translation>
    </message>
    <message>
        <location filename="../../widgets/rule_dialog.py" line="231"/>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../widgets/rule_dialog.py" line="238"/>
        <source>新增规则</source>
        <translation>Add rule</translation>
    </message>
    <message>
        <location filename="../../widgets/rule_dialog.py" line="239"/>
        <source>保存修改</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <location filename="../../widgets/rule_dialog.py" line="240"/>
        <source>停用</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <location filename="../../widgets/rule_dialog.py" line="241"/>
        <source>清空表单</source>
        <translation>Clear form</translation>
    </message>
    <message>
        <location filename="../../widgets/rule_dialog.py" line="243"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../widgets/rule_dialog.py" line="359"/>
        <source>网格编码不存在，请从列表中选择</source>
        <translation>No such grid code: choose one from the list</translation>
    </message>
</context>
<context>
    <name>DispatchRuleTableModel</name>
    <message>
        <location filename="../../widgets/rule_dialog.py" line="89"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../widgets/rule_dialog.py" line="90"/>
        <source>模式</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location filename="../../widgets/rule_dialog.py" line="91"/>
        <source>优先级</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../widgets/rule_dialog.py" line="92"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../widgets/rule_dialog.py" line="93"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../widgets/rule_dialog.py" line="94"/>
        <source>处置力量</source>
        <translation>Assigned to</translation>
    </message>
    <message>
        <location filename="../../widgets/rule_dialog.py" line="95"/>
        <source>职能部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../widgets/rule_dialog.py" line="96"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../widgets/rule_dialog.py" line="97"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../widgets/rule_dialog.py" line="136"/>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../widgets/rule_dialog.py" line="136"/>
        <source>停用</source>
        <translation>Inactive</translation>
    </message>
</context>
<context>
    <name>DutyLogPanel</name>
    <message>
        <location filename="../../widgets/duty_log.py" line="139"/>
        <source>记录内容（来电、交办、报送、重要事项…）</source>
        <translation>What to record (call, instruction, report, notable matter…)</translation>
    </message>
    <message>
        <location filename="../../widgets/duty_log.py" line="142"/>
        <source>关联事件编号（可选）</source>
        <translation>Event code (optional)</translation>
    </message>
    <message>
        <location filename="../../widgets/duty_log.py" line="144"/>
        <source>列入交班</source>
        <translation>Include in handover</translation>
    </message>
    <message>
        <location filename="../../widgets/duty_log.py" line="145"/>
        <source>记录</source>
        <translation>Add entry</translation>
    </message>
    <message>
        <location filename="../../widgets/duty_log.py" line="148"/>
        <source>取消更正</source>
        <translation>Cancel correction</translation>
    </message>
    <message>
        <location filename="../../widgets/duty_log.py" line="154"/>
        <source>搜索日志内容或事件编号</source>
        <translation>Search log text or event code</translation>
    </message>
    <message>
        <location filename="../../widgets/duty_log.py" line="156"/>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../widgets/duty_log.py" line="159"/>
        <source>所有岗位</source>
        <translation>All posts</translation>
    </message>
    <message>
        <location filename="../../widgets/duty_log.py" line="160"/>
        <source>更正所选…</source>
        <translation>Correct selected…</translation>
    </message>
    <message>
        <location filename="../../widgets/duty_log.py" line="217"/>
        <source>请填写记录内容</source>
        <translation>Enter what to record</translation>
    </message>
    <message>
        <location filename="../../widgets/duty_log.py" line="248"/>
        <source>请先选择要更正的记录</source>
        <translation>Select the entry to correct first</translation>
    </message>
    <message>
        <location filename="../../widgets/duty_log.py" line="257"/>
        <source>更正记录 #{id}：原记录保留，更正作为新记录写入</source>
        <translation>Correcting entry #{id}: the original stays; the correction is written as a new entry</translation>
    </message>
</context>
<context>
    <name>DutyLogTableModel</name>
    <message>
        <location filename="../../widgets/duty_log.py" line="56"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../widgets/duty_log.py" line="57"/>
        <source>岗位</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../widgets/duty_log.py" line="58"/>
        <source>值班员</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../widgets/duty_log.py" line="59"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../widgets/duty_log.py" line="60"/>
        <source>内容</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../widgets/duty_log.py" line="61"/>
        <source>关联事件</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../../widgets/duty_log.py" line="62"/>
        <source>更正</source>
        <translation>Correction</translation>
    </message>
    <message>
        <location filename="../../widgets/duty_log.py" line="110"/>
        <source>更正 #{id}</source>
        <translation>corrects #{id}</translation>
    </message>
    <message>
        <location filename="../../widgets/duty_log.py" line="112"/>
        <source>已由 #{id} 更正</source>
        <translation>corrected by #{id}</translation>
    </message>
</context>
<context>
    <name>EmergencyBanner</name>
    <message>
        <location filename="../../widgets/emergency.py" line="123"/>
        <source>应急模式 · {plan} · {level}响应 · {reason} · {who} {since} 启动</source>
        <translation>EMERGENCY · {plan} · level {level} response · {reason} · declared by {who} at {since}</translation>
    </message>
</context>
<context>
    <name>EmergencyDialog</name>
    <message>
        <location filename="../../widgets/emergency.py" line="54"/>
        <source>启动应急模式</source>
        <translation>Declare an emergency</translation>
    </message>
    <message>
        <location filename="../../widgets/emergency.py" line="67"/>
        <source>启动原因（必填），如：气象台发布暴雨红色预警</source>
        <translation>Reason (required), e.g. red rainstorm warning issued</translation>
    </message>
    <message>
        <location filename="../../widgets/emergency.py" line="74"/>
        <source>启动</source>
        <translation>Declare</translation>
    </message>
    <message>
        <location filename="../../widgets/emergency.py" line="75"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../widgets/emergency.py" line="77"/>
        <source>预案</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../../widgets/emergency.py" line="78"/>
        <source>响应级别</source>
        <translation>Response level</translation>
    </message>
    <message>
        <location filename="../../widgets/emergency.py" line="79"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../widgets/emergency.py" line="95"/>
        <source>请填写启动原因</source>
        <translation>Give the reason</translation>
    </message>
    <message>
        <location filename="../../widgets/emergency.py" line="98"/>
        <source>没有可用的预案</source>
        <translation>No plan available</translation>
    </message>
</context>
<context>
    <name>EventDetailPanel</name>
    <message>
        <location filename="../../widgets/event_detail.py" line="69"/>
        <source>网格员 {name}</source>
        <translation>Grid worker {name}</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="70"/>
        <source>挂包领导 {name}</source>
        <translation>Leader in charge {name}</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="71"/>
        <source>执法队 {name}</source>
        <translation>Enforcement team {name}</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="72"/>
        <source>部门 {name}</source>
        <translation>Department {name}</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="83"/>
        <location filename="../../widgets/event_detail.py" line="292"/>
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="84"/>
        <source>派遣</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="85"/>
        <source>改派</source>
        <translation>Reassign</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="86"/>
        <location filename="../../widgets/event_detail.py" line="293"/>
        <source>响应</source>
        <translation>Respond</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="87"/>
        <location filename="../../widgets/event_detail.py" line="294"/>
        <source>办结</source>
        <translation>Resolve</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="88"/>
        <source>核查结案</source>
        <translation>Verify and close</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="89"/>
        <source>退回</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="90"/>
        <source>上报领导</source>
        <translation>Escalate to leader</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="91"/>
        <source>催办</source>
        <translation>Urge</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="92"/>
        <source>重新打开</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="93"/>
        <source>暂停计时</source>
        <translation>Pause the clock</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="94"/>
        <source>恢复计时</source>
        <translation>Resume the clock</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="95"/>
        <source>申请延期</source>
        <translation>Request an extension</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="96"/>
        <source>批准延期</source>
        <translation>Approve the extension</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="97"/>
        <source>不批准延期</source>
        <translation>Refuse the extension</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="131"/>
        <location filename="../../widgets/event_detail.py" line="382"/>
        <source>未选择事件</source>
        <translation>No event selected</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="158"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="159"/>
        <source>优先级</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="160"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="161"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="162"/>
        <source>网格 / 社区 / 片区</source>
        <translation>Grid / community / zone</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="163"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="164"/>
        <source>描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="165"/>
        <source>反映人</source>
        <translation>Reported by</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="166"/>
        <source>处置力量</source>
        <translation>Assigned to</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="167"/>
        <source>上报时间</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="168"/>
        <source>时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="169"/>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="183"/>
        <source>智能派单建议</source>
        <translation>Dispatch proposal</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="191"/>
        <location filename="../../widgets/event_detail.py" line="630"/>
        <source>确认网格</source>
        <translation>Confirm grid</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="195"/>
        <source>所属网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="230"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="231"/>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="232"/>
        <source>状态变化</source>
        <translation>State change</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="233"/>
        <source>操作人</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="234"/>
        <location filename="../../widgets/event_detail.py" line="575"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="298"/>
        <source>（已上报领导）</source>
        <translation> (escalated to the leader)</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="300"/>
        <source>（待群众补充，{since} 起暂停计时）</source>
        <translation> (waiting for the resident: clock paused since {since})</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="312"/>
        <source>来电人要求保密</source>
        <translation>The caller asked for confidentiality</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="342"/>
        <source>（{limit}）</source>
        <translation> ({limit})</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="347"/>
        <source>延期申请待审批：+{limit}（{who}：{reason}）</source>
        <translation>Extension requested, awaiting the chief: +{limit} ({who}: {reason})</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="368"/>
        <source>正在处理：{who}</source>
        <translation>Also working on it: {who}</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="403"/>
        <source>网格 {grid} · {category} → {target}</source>
        <translation>Grid {grid} · {category} → {target}</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="404"/>
        <source>（网格待确认）</source>
        <translation>(grid to confirm)</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="407"/>
        <source>依据派单规则 #{rule}</source>
        <translation>By dispatch rule #{rule}</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="408"/>
        <source>依据类别默认力量</source>
        <translation>By the category&apos;s default force</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="409"/>
        <source>复杂事件，由挂包领导牵头</source>
        <translation>Complex event: led by the leader in charge</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="410"/>
        <source>已超时，由挂包领导督办</source>
        <translation>Overdue: chased by the leader in charge</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="414"/>
        <source>位置在网格边界附近或网格之外，请确认网格</source>
        <translation>The location is near a grid boundary or outside every grid: confirm the grid</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="417"/>
        <source>按建议：{name}</source>
        <translation>As proposed: {name}</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="425"/>
        <source>无可用建议，请选择处置力量</source>
        <translation>No proposal: choose who handles it</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="435"/>
        <source>12345工单 {no}</source>
        <translation>12345 order {no}</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="439"/>
        <source>催办 {n} 次</source>
        <translation>urged {n} times</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="441"/>
        <source>督办</source>
        <translation>supervised</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="443"/>
        <source>同一来电人第 {n} 次反映此处</source>
        <translation>call {n} from this caller about this place</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="445"/>
        <source>重办 {n} 次</source>
        <translation>re-handled {n} times</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="447"/>
        <source>{at} 签收</source>
        <translation>signed {at}</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="449"/>
        <source>联系时限 {at}</source>
        <translation>contact by {at}</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="451"/>
        <source>{at} 已联系</source>
        <translation>caller contacted {at}</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="453"/>
        <source>答复时限 {at}</source>
        <translation>reply by {at}</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="455"/>
        <source>热线办理时限 {at}</source>
        <translation>hotline limit {at}</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="457"/>
        <source>已申请延期</source>
        <translation>extension requested</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="459"/>
        <source>已退单：{reason}</source>
        <translation>sent back: {reason}</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="461"/>
        <source>办理结果 {result}</source>
        <translation>result {result}</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="463"/>
        <source>回访 {visit}</source>
        <translation>return call: {visit}</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="465"/>
        <source>地址未能定位，请确认网格</source>
        <translation>address not placed: confirm a grid</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="515"/>
        <location filename="../../widgets/event_detail.py" line="523"/>
        <source>系统</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="517"/>
        <source>超时自动上报领导（{clock}）</source>
        <translation>Raised to the leader automatically ({clock})</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="550"/>
        <source>请先确认事件所属网格，再派遣</source>
        <translation>Confirm the event&apos;s grid before dispatching</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="556"/>
        <source>请选择处置力量</source>
        <translation>Choose who handles it</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="564"/>
        <source>延长办结时限（工作日）</source>
        <translation>Extend the close-by deadline by (working days)</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="575"/>
        <source>说明（必填）</source>
        <translation>Note (required)</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="581"/>
        <location filename="../../widgets/event_detail.py" line="618"/>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="581"/>
        <location filename="../../widgets/event_detail.py" line="619"/>
        <source>基本满意</source>
        <translation>Basically satisfied</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="581"/>
        <location filename="../../widgets/event_detail.py" line="620"/>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="585"/>
        <source>回访满意度</source>
        <translation>Satisfaction at the return call</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="612"/>
        <source>{n}个工作日</source>
        <translation>{n} working days</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="613"/>
        <source>{n}小时</source>
        <translation>{n} hours</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="628"/>
        <source>上报</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="629"/>
        <source>合并</source>
        <translation>Merge</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="631"/>
        <source>重算时限</source>
        <translation>Deadlines recomputed</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="632"/>
        <source>12345 更新</source>
        <translation>12345 update</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="633"/>
        <source>12345 签收</source>
        <translation>12345 signed for</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="634"/>
        <source>12345 联系来电人</source>
        <translation>12345 caller contacted</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="635"/>
        <source>12345 退单</source>
        <translation>12345 sent back</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="636"/>
        <source>12345 申请延期</source>
        <translation>12345 extension asked</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="637"/>
        <source>12345 办结答复</source>
        <translation>12345 reply</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="638"/>
        <source>12345 回访</source>
        <translation>12345 return call</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="639"/>
        <source>设备报警升级</source>
        <translation>Device alarm raised in severity</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="640"/>
        <source>设备报警解除</source>
        <translation>Device alarm cleared</translation>
    </message>
    <message>
        <location filename="../../widgets/event_detail.py" line="641"/>
        <source>设备再次报警</source>
        <translation>Device alarm raised again</translation>
    </message>
</context>
<context>
    <name>EventQueuePanel</name>
    <message>
        <location filename="../../widgets/event_queue.py" line="595"/>
        <source>搜索编号、地址、描述…（Ctrl+F）</source>
        <translation>Search code, address, description… (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="598"/>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="599"/>
        <source>未结事件</source>
        <translation>Open events</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="602"/>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="603"/>
        <source>全部来源</source>
        <translation>All sources</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="606"/>
        <source>全部优先级</source>
        <translation>All priorities</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="609"/>
        <source>全部预警</source>
        <translation>All alarm levels</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="612"/>
        <source>超时（含升级）</source>
        <translation>Overdue (escalated included)</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="614"/>
        <source>全部社区</source>
        <translation>All communities</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="615"/>
        <source>全部网格</source>
        <translation>All grids</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="616"/>
        <source>上报日期</source>
        <translation>Reported between</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="625"/>
        <source>已存筛选</source>
        <translation>Saved filters</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="626"/>
        <location filename="../../widgets/event_queue.py" line="975"/>
        <source>保存筛选</source>
        <translation>Save filter</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="627"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="847"/>
        <source>↑ {count} 条新事件</source>
        <translation>↑ {count} new events</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="975"/>
        <source>筛选名称：</source>
        <translation>Filter name:</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="1013"/>
        <source>显示 {shown} / 共 {total} 件 · {overdue}</source>
        <translation>Showing {shown} of {total} · {overdue}</translation>
    </message>
</context>
<context>
    <name>EventTableModel</name>
    <message>
        <location filename="../../widgets/event_queue.py" line="253"/>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="254"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="255"/>
        <source>优先级</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="256"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="257"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="258"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="259"/>
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="260"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="261"/>
        <source>描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="262"/>
        <source>上报时间</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="263"/>
        <source>办结时限</source>
        <translation>Close by</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="264"/>
        <source>预警</source>
        <translation>Alarm</translation>
    </message>
</context>
<context>
    <name>EventWork</name>
    <message>
        <location filename="../../desktop/event_work.py" line="484"/>
        <source>数据库断开，且本机日志无法写入（{reason}）：操作未保存</source>
        <translation>The database is away and the local journal cannot be written ({reason}): the action was not kept</translation>
    </message>
    <message>
        <location filename="../../desktop/event_work.py" line="519"/>
        <source>新建事件</source>
        <translation>New event</translation>
    </message>
    <message>
        <location filename="../../desktop/event_work.py" line="573"/>
        <source>事件已不存在</source>
        <translation>The event no longer exists</translation>
    </message>
    <message>
        <location filename="../../desktop/event_work.py" line="575"/>
        <source>记录无法读取（{error}）</source>
        <translation>The kept record could not be read ({error})</translation>
    </message>
    <message>
        <location filename="../../desktop/event_work.py" line="582"/>
        <source>断网期间的操作未能提交（{what}）：{reason}</source>
        <translation>An action taken while offline could not be written ({what}): {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/event_work.py" line="698"/>
        <source>[断网期间 {time} 记录]</source>
        <translation>[recorded offline at {time}]</translation>
    </message>
</context>
<context>
    <name>GuiSession</name>
    <message>
        <location filename="../../desktop/app.py" line="236"/>
        <source>启动失败：{reason}</source>
        <translation>Start-up failed: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="247"/>
        <source>重试</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="250"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="177"/>
        <location filename="../../desktop/app.py" line="361"/>
        <source>截图超时：数据或地图未能加载</source>
        <translation>Screenshot timed out: the data or the map did not load</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="186"/>
        <location filename="../../desktop/app.py" line="375"/>
        <source>无法写入截图 {path}</source>
        <translation>Cannot write the screenshot {path}</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="64"/>
        <source>{day} {name}（{start} 至 {end} 交班）</source>
        <translation>{day} {name} ({start} to {end} handover)</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="73"/>
        <source> · 带班领导：{name}</source>
        <translation> · Duty leader: {name}</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="77"/>
        <source> · 排班：{name}</source>
        <translation> · Rostered: {name}</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="267"/>
        <source>交接班 — {post}</source>
        <translation>Handover — {post}</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="279"/>
        <source>交班人填写</source>
        <translation>Outgoing operator</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="281"/>
        <source>交班说明：需要接班人特别注意的情况</source>
        <translation>Handover notes: what the incoming operator should watch out for</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="284"/>
        <source>待办事项</source>
        <translation>Pending items</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="284"/>
        <source>关联事件编号</source>
        <translation>Event code</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="288"/>
        <source>添加待办</source>
        <translation>Add item</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="289"/>
        <source>所选事件列为待办</source>
        <translation>Add selected event as pending</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="290"/>
        <source>删除待办</source>
        <translation>Remove item</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="291"/>
        <source>提交交班</source>
        <translation>Submit handover</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="304"/>
        <source>接班人签收</source>
        <translation>Incoming operator sign-off</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="309"/>
        <source>接班人登录</source>
        <translation>Incoming operator log in</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="312"/>
        <source>接班人账号</source>
        <translation>Incoming account</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="313"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="318"/>
        <source>对所选项目的异议说明</source>
        <translation>Why you dispute the selected item</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="319"/>
        <source>提出异议</source>
        <translation>Raise dispute</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="323"/>
        <source>接班意见（可选）</source>
        <translation>Remark on taking over (optional)</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="324"/>
        <source>确认接班</source>
        <translation>Confirm takeover</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="338"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="369"/>
        <source>交班人：{name} · {shift}
快照时间 {at}，提交时以提交时刻的情况为准并冻结。</source>
        <translation>Outgoing: {name} · {shift}
Snapshot as of {at}; on submitting, the situation at that moment is recorded and frozen.</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="401"/>
        <source>请先在快照中选择一个事件</source>
        <translation>Select an event in the snapshot first</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="403"/>
        <source>跟进 {label}</source>
        <translation>Follow up {label}</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="422"/>
        <source>交班人：{name}，{at} 提交 · {shift}</source>
        <translation>Outgoing: {name}, submitted {at} · {shift}</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="450"/>
        <source>接班人：{name}</source>
        <translation>Incoming: {name}</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="450"/>
        <source>请接班人登录后签收</source>
        <translation>The incoming operator must log in to sign</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="458"/>
        <source>请输入接班人账号和密码</source>
        <translation>Enter the incoming operator&apos;s account and password</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="466"/>
        <source>请先在交接内容中选择有异议的项目</source>
        <translation>Select the disputed item in the handover first</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="470"/>
        <source>请填写异议说明</source>
        <translation>Say why you dispute it</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="505"/>
        <source>{status}：接班人 {name}，{at}</source>
        <translation>{status}: incoming {name}, {at}</translation>
    </message>
</context>
<context>
    <name>HandoverNotice</name>
    <message>
        <location filename="../../widgets/handover_notice.py" line="29"/>
        <source>交接班…</source>
        <translation>Handover…</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_notice.py" line="48"/>
        <source>{shift} {time} 交班 · 本岗位尚未提交交接班</source>
        <translation>{shift}: handover at {time} · not yet handed over at this post</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_notice.py" line="52"/>
        <source>点击“交接班…”填写并提交交接班；也可从“值班”菜单打开</source>
        <translation>Click “Handover…” to fill in and submit the handover; it is also in the Shift menu</translation>
    </message>
</context>
<context>
    <name>HandoverReviewDialog</name>
    <message>
        <location filename="../../widgets/handover_review.py" line="82"/>
        <source>交接班审阅</source>
        <translation>Handover review</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="90"/>
        <source>全部岗位</source>
        <translation>All posts</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="94"/>
        <source>全部值班员</source>
        <translation>All operators</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="95"/>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="98"/>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="99"/>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="100"/>
        <location filename="../../widgets/handover_review.py" line="111"/>
        <source>岗位</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="101"/>
        <source>值班员</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="109"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="110"/>
        <source>班次</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="112"/>
        <source>交班人</source>
        <translation>Outgoing</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="113"/>
        <source>交班时间</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="114"/>
        <location filename="../../widgets/handover_review.py" line="136"/>
        <source>接班人</source>
        <translation>Incoming</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="115"/>
        <source>接班时间</source>
        <translation>Taken over</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="116"/>
        <source>待办</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="117"/>
        <location filename="../../widgets/handover_review.py" line="136"/>
        <source>异议</source>
        <translation>Disputes</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="118"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="129"/>
        <location filename="../../widgets/handover_review.py" line="136"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="129"/>
        <source>关联事件</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="129"/>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="129"/>
        <source>当前状态</source>
        <translation>Current state</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="132"/>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="132"/>
        <source>上一班次</source>
        <translation>Previous shift</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="132"/>
        <source>本班次</source>
        <translation>This shift</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="138"/>
        <source>待办去向</source>
        <translation>Pending outcomes</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="139"/>
        <source>交接快照</source>
        <translation>Handover snapshot</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="144"/>
        <source>与上一班次相比</source>
        <translation>Compared with previous shift</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="145"/>
        <source>接班异议</source>
        <translation>Handover disputes</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="156"/>
        <source>导出所选 PDF…</source>
        <translation>Export selected to PDF…</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="157"/>
        <source>导出范围 PDF…</source>
        <translation>Export range to PDF…</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="158"/>
        <source>导出所选 XLSX…</source>
        <translation>Export selected to XLSX…</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="159"/>
        <source>导出范围 XLSX…</source>
        <translation>Export range to XLSX…</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="162"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="241"/>
        <source>{post} · {shift}
交班：{out}（{out_at}） 接班：{inc}（{inc_at}） {status}</source>
        <translation>{post} · {shift}
Outgoing: {out} ({out_at})  Incoming: {inc} ({inc_at})  {status}</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="255"/>
        <source>本班：受理 {taken} · 派遣 {dispatched} · 结案 {closed} · 交班时超时 {overdue}</source>
        <translation>This shift: accepted {taken} · dispatched {dispatched} · closed {closed} · overdue at handover {overdue}</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="288"/>
        <source>本岗位此前没有交接班记录</source>
        <translation>No earlier handover at this post</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="291"/>
        <source>新超时：{new}
已不再超时：{cleared}</source>
        <translation>Newly overdue: {new}
No longer overdue: {cleared}</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="300"/>
        <source>请先选择一条交接班记录</source>
        <translation>Select a handover first</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="302"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="302"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_review.py" line="303"/>
        <source>导出交接班记录</source>
        <translation>Export handovers</translation>
    </message>
</context>
<context>
    <name>HandoverWork</name>
    <message>
        <location filename="../../desktop/handover_work.py" line="134"/>
        <source>交接班(&amp;H)…</source>
        <translation>&amp;Handover…</translation>
    </message>
    <message>
        <location filename="../../desktop/handover_work.py" line="135"/>
        <source>交接班审阅…</source>
        <translation>Handover review…</translation>
    </message>
    <message>
        <location filename="../../desktop/handover_work.py" line="137"/>
        <source>排班…</source>
        <translation>Roster…</translation>
    </message>
    <message>
        <location filename="../../desktop/handover_work.py" line="561"/>
        <source>无法写入 {path}：{reason}</source>
        <translation>Cannot write {path}: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/handover_work.py" line="563"/>
        <source>已导出 {n} 条交接班记录到 {path}</source>
        <translation>Exported {n} handovers to {path}</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../widgets/history_dialog.py" line="127"/>
        <source>查历史</source>
        <translation>History search</translation>
    </message>
    <message>
        <location filename="../../widgets/history_dialog.py" line="131"/>
        <source>编号、地址或描述中的文字，空格分开的词都须出现</source>
        <translation>Text of the code, address or description; every word separated by spaces must appear</translation>
    </message>
    <message>
        <location filename="../../widgets/history_dialog.py" line="134"/>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../widgets/history_dialog.py" line="138"/>
        <source>全部网格</source>
        <translation>All grids</translation>
    </message>
    <message>
        <location filename="../../widgets/history_dialog.py" line="142"/>
        <source>不限日期</source>
        <translation>Any date</translation>
    </message>
    <message>
        <location filename="../../widgets/history_dialog.py" line="153"/>
        <source>从</source>
        <translation>from</translation>
    </message>
    <message>
        <location filename="../../widgets/history_dialog.py" line="155"/>
        <source>到</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../widgets/history_dialog.py" line="158"/>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../widgets/history_dialog.py" line="161"/>
        <source>文字</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../widgets/history_dialog.py" line="162"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../widgets/history_dialog.py" line="163"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../widgets/history_dialog.py" line="164"/>
        <source>上报日期</source>
        <translation>Reported on</translation>
    </message>
    <message>
        <location filename="../../widgets/history_dialog.py" line="180"/>
        <source>上一页</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location filename="../../widgets/history_dialog.py" line="181"/>
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location filename="../../widgets/history_dialog.py" line="222"/>
        <source>开始日期晚于结束日期。</source>
        <translation>The start date is after the end date.</translation>
    </message>
    <message>
        <location filename="../../widgets/history_dialog.py" line="225"/>
        <source>正在查询…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../../widgets/history_dialog.py" line="236"/>
        <source>第 {page} 页</source>
        <translation>Page {page}</translation>
    </message>
    <message>
        <location filename="../../widgets/history_dialog.py" line="240"/>
        <source>第 {first}–{last} 件，最新的在前</source>
        <translation>Events {first}–{last}, newest first</translation>
    </message>
    <message>
        <location filename="../../widgets/history_dialog.py" line="245"/>
        <source>没有找到符合条件的事件。</source>
        <translation>No event matches.</translation>
    </message>
</context>
<context>
    <name>HistoryTableModel</name>
    <message>
        <location filename="../../widgets/history_dialog.py" line="59"/>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../widgets/history_dialog.py" line="60"/>
        <source>上报时间</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location filename="../../widgets/history_dialog.py" line="61"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../widgets/history_dialog.py" line="62"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../widgets/history_dialog.py" line="63"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../widgets/history_dialog.py" line="64"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../widgets/history_dialog.py" line="65"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../widgets/history_dialog.py" line="66"/>
        <source>描述</source>
        <translation>Description</translation>
    </message>
</context>
<context>
    <name>HistoryWork</name>
    <message>
        <location filename="../../desktop/history_work.py" line="47"/>
        <source>查历史…</source>
        <translation>History search…</translation>
    </message>
    <message>
        <location filename="../../desktop/history_work.py" line="110"/>
        <source>查询文字不能超过 64 个字符，也不能含控制字符。</source>
        <translation>The search text can hold at most 64 characters and no control characters.</translation>
    </message>
</context>
<context>
    <name>HotlineExportDialog</name>
    <message>
        <location filename="../../widgets/hotline_import.py" line="185"/>
        <source>导出12345答复</source>
        <translation>Export 12345 replies</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_import.py" line="193"/>
        <source>自</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_import.py" line="194"/>
        <source>至</source>
        <translation>To</translation>
    </message>
</context>
<context>
    <name>HotlineImportDialog</name>
    <message>
        <location filename="../../widgets/hotline_import.py" line="38"/>
        <location filename="../../widgets/hotline_import.py" line="80"/>
        <source>导入12345工单</source>
        <translation>Import 12345 work orders</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_import.py" line="40"/>
        <source>尚未选择文件</source>
        <translation>No file chosen yet</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_import.py" line="42"/>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_import.py" line="51"/>
        <source>工单编号</source>
        <translation>Order number</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_import.py" line="51"/>
        <source>诉求地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_import.py" line="51"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_import.py" line="57"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_import.py" line="61"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_import.py" line="69"/>
        <source>地址待人工定位的工单：</source>
        <translation>Orders whose address an operator must place:</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_import.py" line="82"/>
        <source>12345 工单导出 (*.xlsx *.csv)</source>
        <translation>12345 exports (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_import.py" line="86"/>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_import.py" line="93"/>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
</context>
<context>
    <name>HotlineReviewDialog</name>
    <message>
        <location filename="../../widgets/hotline_import.py" line="137"/>
        <source>12345 工单待定位</source>
        <translation>12345 orders to place</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_import.py" line="142"/>
        <source>事件编号</source>
        <translation>Event code</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_import.py" line="142"/>
        <source>工单编号</source>
        <translation>Order number</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_import.py" line="142"/>
        <source>诉求地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_import.py" line="142"/>
        <source>受理时间</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_import.py" line="147"/>
        <source>在详情中确认网格</source>
        <translation>Confirm the grid in the detail</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_import.py" line="148"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_import.py" line="169"/>
        <source>{n} 张工单待人工定位</source>
        <translation>{n} orders waiting for an operator to place them</translation>
    </message>
</context>
<context>
    <name>HotlineSlaDialog</name>
    <message>
        <location filename="../../widgets/hotline_sla_dialog.py" line="44"/>
        <source>12345 工单办理时限</source>
        <translation>12345 order time limits</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_sla_dialog.py" line="48"/>
        <source>工单类型</source>
        <translation>Order type</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_sla_dialog.py" line="48"/>
        <source>联系来电人</source>
        <translation>Contact caller</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_sla_dialog.py" line="48"/>
        <source>退单</source>
        <translation>Send back</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_sla_dialog.py" line="48"/>
        <source>答复</source>
        <translation>Reply</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_sla_dialog.py" line="54"/>
        <source>添加类型</source>
        <translation>Add type</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_sla_dialog.py" line="55"/>
        <source>删除类型</source>
        <translation>Remove type</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_sla_dialog.py" line="56"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_sla_dialog.py" line="61"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_sla_dialog.py" line="70"/>
        <source>各类工单的办理时限（工作日），自受理时起算；答复时限不晚于热线给定的办理时限。修改只影响此后导入或重办的工单。</source>
        <translation>Time limits per order type in working days, counted from acceptance; the reply is never due later than the hotline&apos;s own limit. Changes apply to orders imported or reopened from now on.</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_sla_dialog.py" line="108"/>
        <source>第 {row} 行：请填写工单类型</source>
        <translation>Row {row}: enter the order type</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_sla_dialog.py" line="111"/>
        <source>工单类型“{type}”重复</source>
        <translation>Order type “{type}” is listed twice</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_sla_dialog.py" line="140"/>
        <source>其他类型</source>
        <translation>Any other type</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_sla_dialog.py" line="151"/>
        <source> 工作日</source>
        <translation> working days</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_sla_dialog.py" line="168"/>
        <source>请先选择要删除的工单类型</source>
        <translation>Select the order type to remove first</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_sla_dialog.py" line="171"/>
        <source>“其他类型”一行不能删除：未列出的工单类型按它计时</source>
        <translation>The “Any other type” row cannot be removed: order types not listed are timed by it</translation>
    </message>
</context>
<context>
    <name>HotlineSteps</name>
    <message>
        <location filename="../../widgets/hotline_steps.py" line="38"/>
        <source>签收</source>
        <translation>Sign for it</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_steps.py" line="39"/>
        <source>已联系来电人</source>
        <translation>Caller contacted</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_steps.py" line="40"/>
        <source>退单</source>
        <translation>Send back</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_steps.py" line="41"/>
        <source>申请延期</source>
        <translation>Request extension</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_steps.py" line="42"/>
        <source>办结答复</source>
        <translation>Reply to hotline</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_steps.py" line="43"/>
        <source>记录回访</source>
        <translation>Record return call</translation>
    </message>
</context>
<context>
    <name>HotlineStepsBox</name>
    <message>
        <location filename="../../widgets/hotline_steps.py" line="58"/>
        <source>12345 工单办理</source>
        <translation>12345 order handling</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_steps.py" line="67"/>
        <source>退单或延期的原因</source>
        <translation>Reason for sending back or extension</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_steps.py" line="75"/>
        <source>答复要点</source>
        <translation>Reply points</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_steps.py" line="91"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_steps.py" line="98"/>
        <source>回访结果</source>
        <translation>Return call</translation>
    </message>
    <message>
        <location filename="../../widgets/hotline_steps.py" line="118"/>
        <source>同一来电人反映同一处：合并到 {code}</source>
        <translation>Same caller, same place: merge into {code}</translation>
    </message>
</context>
<context>
    <name>HotlineWork</name>
    <message>
        <location filename="../../desktop/hotline_work.py" line="58"/>
        <source>“对面”：对面可能属另一网格</source>
        <translation>“Opposite”: the other side may be another grid</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_work.py" line="59"/>
        <source>门牌号不在地址库中</source>
        <translation>The door number is not in the address book</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_work.py" line="60"/>
        <source>小区没有这栋楼</source>
        <translation>The compound has no such building</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_work.py" line="61"/>
        <source>门牌与小区不在同一网格</source>
        <translation>The door plate and the compound lie in different grids</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_work.py" line="62"/>
        <source>无法识别的地址</source>
        <translation>Unrecognised address</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_work.py" line="107"/>
        <source>导入12345工单…</source>
        <translation>Import 12345 work orders…</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_work.py" line="111"/>
        <source>12345 工单待定位…</source>
        <translation>12345 orders to place…</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_work.py" line="114"/>
        <source>导出12345答复…</source>
        <translation>Export 12345 replies…</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_work.py" line="124"/>
        <source>12345 办理时限…</source>
        <translation>12345 time limits…</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_work.py" line="168"/>
        <source>无法读取文件：{reason}</source>
        <translation>Cannot read the file: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_work.py" line="269"/>
        <source>已保存：此后导入或重办的工单按新时限计时</source>
        <translation>Saved: orders imported or reopened from now on are timed by the new limits</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_work.py" line="285"/>
        <source>导出12345答复</source>
        <translation>Export 12345 replies</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_work.py" line="287"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_work.py" line="295"/>
        <source>结束日期早于开始日期</source>
        <translation>The end date is before the start date</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_work.py" line="307"/>
        <source>无法写入文件 {path}：{reason}</source>
        <translation>Cannot write the file {path}: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_work.py" line="313"/>
        <source>已导出 {n} 张工单的答复到 {path}</source>
        <translation>Exported the replies of {n} orders to {path}</translation>
    </message>
</context>
<context>
    <name>IntakeForm</name>
    <message>
        <location filename="../../widgets/intake_form.py" line="72"/>
        <source>新建事件</source>
        <translation>New event</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="89"/>
        <source>输入门牌地址，从地址库中选择</source>
        <translation>Type an address and pick it from the address book</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="96"/>
        <source>经度（WGS-84）</source>
        <translation>Longitude (WGS-84)</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="97"/>
        <source>纬度（WGS-84）</source>
        <translation>Latitude (WGS-84)</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="105"/>
        <source>事件描述</source>
        <translation>Description of the event</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="111"/>
        <source>添加照片或文件…</source>
        <translation>Add photos or files…</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="112"/>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="118"/>
        <source>可能重复的事件</source>
        <translation>Possible duplicates</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="120"/>
        <source>合并到所选事件</source>
        <translation>Merge into the selected event</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="121"/>
        <source>仍然新建</source>
        <translation>Create it anyway</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="133"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="134"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="160"/>
        <location filename="../../widgets/intake_form.py" line="412"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="161"/>
        <location filename="../../widgets/intake_form.py" line="413"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="162"/>
        <location filename="../../widgets/intake_form.py" line="414"/>
        <source>优先级</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="163"/>
        <location filename="../../widgets/intake_form.py" line="415"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="164"/>
        <location filename="../../widgets/intake_form.py" line="416"/>
        <location filename="../../widgets/intake_form.py" line="418"/>
        <location filename="../../widgets/intake_form.py" line="419"/>
        <source>位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="165"/>
        <location filename="../../widgets/intake_form.py" line="420"/>
        <source>描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="166"/>
        <location filename="../../widgets/intake_form.py" line="421"/>
        <source>反映人</source>
        <translation>Reported by</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="167"/>
        <location filename="../../widgets/intake_form.py" line="422"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="168"/>
        <location filename="../../widgets/intake_form.py" line="423"/>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="224"/>
        <source>网格 {code}</source>
        <translation>Grid {code}</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="227"/>
        <source>请确认网格：</source>
        <translation>Confirm the grid:</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="228"/>
        <source>— 请选择 —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="245"/>
        <source>附件过大：{name}，每个文件不超过 {limit} MB</source>
        <translation>Attachment too large: {name}; each file may be at most {limit} MB</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="263"/>
        <source>{code} · {state} · {distance} 米 · {time} · {text}</source>
        <translation>{code} · {state} · {distance} m · {time} · {text}</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="319"/>
        <source>位置在所有网格之外（距最近网格 {distance} 米），请确认所属网格</source>
        <translation>The location is outside every grid ({distance} m from the nearest); confirm the grid</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="322"/>
        <source>位置距网格边界仅 {distance} 米，请确认所属网格</source>
        <translation>The location is only {distance} m from a grid boundary; confirm the grid</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="327"/>
        <source>选择照片或文件</source>
        <translation>Choose photos or files</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="334"/>
        <source>无法读取 {name}：{reason}</source>
        <translation>Cannot read {name}: {reason}</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="349"/>
        <source>位置须为经纬度数字，或从地址库选择地址</source>
        <translation>The location must be longitude and latitude numbers, or an address from the address book</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="352"/>
        <source>请填写事件描述</source>
        <translation>Describe the event</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="355"/>
        <source>请选择类别</source>
        <translation>Choose a category</translation>
    </message>
    <message>
        <location filename="../../widgets/intake_form.py" line="417"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
</context>
<context>
    <name>IotWork</name>
    <message>
        <location filename="../../desktop/iot_work.py" line="71"/>
        <source>物联网桥未运行：设备报警不会进入事件队列</source>
        <translation>IoT bridge not running</translation>
    </message>
    <message>
        <location filename="../../desktop/iot_work.py" line="119"/>
        <source>物联网桥 {holder} 自 {since} 起运行，代理 {broker}</source>
        <translation>IoT bridge {holder} running since {since}, broker {broker}</translation>
    </message>
    <message>
        <location filename="../../desktop/iot_work.py" line="126"/>
        <source>请在服务器上启动 python main.py iot bridge（或 griddesk-iot-bridge 服务）</source>
        <translation>Start python main.py iot bridge on the server (or the griddesk-iot-bridge service)</translation>
    </message>
</context>
<context>
    <name>IssuedReportsDialog</name>
    <message>
        <location filename="../../widgets/report_dialog.py" line="212"/>
        <source>已签发报表</source>
        <translation>Issued reports</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="216"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="223"/>
        <location filename="../../widgets/report_dialog.py" line="248"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="224"/>
        <source>统计期</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="225"/>
        <source>期号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="226"/>
        <source>签发人</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="227"/>
        <source>签发时间</source>
        <translation>Issued at</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="240"/>
        <source>打开 PDF</source>
        <translation>Open PDF</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="242"/>
        <source>导出 PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="244"/>
        <source>导出 XLSX…</source>
        <translation>Export XLSX…</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="259"/>
        <source>研判</source>
        <translation>Assessment</translation>
    </message>
</context>
<context>
    <name>LaunchProfileDialog</name>
    <message>
        <location filename="../../widgets/profile_dialog.py" line="45"/>
        <source>视频系统打开方式</source>
        <translation>How video systems open</translation>
    </message>
    <message>
        <location filename="../../widgets/profile_dialog.py" line="49"/>
        <source>外部播放器（命令行）</source>
        <translation>External player (command line)</translation>
    </message>
    <message>
        <location filename="../../widgets/profile_dialog.py" line="50"/>
        <source>系统默认程序</source>
        <translation>The system&apos;s default program</translation>
    </message>
    <message>
        <location filename="../../widgets/profile_dialog.py" line="51"/>
        <source>WVP 国标平台（先取流地址）</source>
        <translation>WVP GB/T 28181 platform (asked for the stream first)</translation>
    </message>
    <message>
        <location filename="../../widgets/profile_dialog.py" line="56"/>
        <source>程序须为已知播放器（vlc、cvlc、mpv、ffplay、mplayer、smplayer、PotPlayerMini64）或已登记客户端的绝对路径；可用占位符 {url} {name} {gb_id}；不经过命令解释器，每个占位符只填入所在参数</source>
        <translation>The program must be a known player (vlc, cvlc, mpv, ffplay, mplayer, smplayer, PotPlayerMini64) or the absolute path of a registered client; placeholders {url} {name} {gb_id}; no command interpreter is used, each placeholder fills only its own argument</translation>
    </message>
    <message>
        <location filename="../../widgets/profile_dialog.py" line="64"/>
        <source>登记平台客户端…</source>
        <translation>Register a platform client…</translation>
    </message>
    <message>
        <location filename="../../widgets/profile_dialog.py" line="78"/>
        <source>视频系统</source>
        <translation>Video system</translation>
    </message>
    <message>
        <location filename="../../widgets/profile_dialog.py" line="79"/>
        <source>打开方式</source>
        <translation>Opens with</translation>
    </message>
    <message>
        <location filename="../../widgets/profile_dialog.py" line="80"/>
        <source>播放器命令</source>
        <translation>Player command</translation>
    </message>
    <message>
        <location filename="../../widgets/profile_dialog.py" line="81"/>
        <source>平台地址</source>
        <translation>Platform address</translation>
    </message>
    <message>
        <location filename="../../widgets/profile_dialog.py" line="82"/>
        <source>平台账号</source>
        <translation>Platform user</translation>
    </message>
    <message>
        <location filename="../../widgets/profile_dialog.py" line="83"/>
        <source>平台密码</source>
        <translation>Platform password</translation>
    </message>
    <message>
        <location filename="../../widgets/profile_dialog.py" line="87"/>
        <source>已登记客户端</source>
        <translation>Registered clients</translation>
    </message>
    <message>
        <location filename="../../widgets/profile_dialog.py" line="112"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../widgets/profile_dialog.py" line="115"/>
        <source>登记平台客户端程序</source>
        <translation>Register a platform client program</translation>
    </message>
    <message>
        <location filename="../../widgets/profile_dialog.py" line="146"/>
        <source>已保存；留空则不修改</source>
        <translation>Stored; leave empty to keep it</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../widgets/login_dialog.py" line="41"/>
        <source>GridDesk 网格指挥台 — 登录</source>
        <translation>GridDesk — Log in</translation>
    </message>
    <message>
        <location filename="../../widgets/login_dialog.py" line="53"/>
        <source>账号的默认岗位</source>
        <translation>The account&apos;s default post</translation>
    </message>
    <message>
        <location filename="../../widgets/login_dialog.py" line="62"/>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../widgets/login_dialog.py" line="63"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../widgets/login_dialog.py" line="65"/>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../widgets/login_dialog.py" line="66"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../widgets/login_dialog.py" line="67"/>
        <source>岗位</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../widgets/login_dialog.py" line="82"/>
        <source>请输入账号和密码</source>
        <translation>Enter your account and password</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="317"/>
        <source>GridDesk 网格指挥台 — {post} · {name}</source>
        <translation>GridDesk — {post} · {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="210"/>
        <source>应急模式</source>
        <translation>Emergency mode</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="239"/>
        <source>值班(&amp;S)</source>
        <translation>&amp;Shift</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="240"/>
        <source>锁定屏幕</source>
        <translation>Lock screen</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="243"/>
        <source>恢复默认布局</source>
        <translation>Restore default layout</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="245"/>
        <source>启动应急模式…</source>
        <translation>Declare an emergency…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="246"/>
        <source>恢复常态…</source>
        <translation>Return to normal…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="250"/>
        <source>工作日历…</source>
        <translation>Working-day calendar…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="253"/>
        <source>时限标准…</source>
        <translation>Time limits (SLA)…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="257"/>
        <source>应急预案…</source>
        <translation>Emergency plans…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="263"/>
        <location filename="../../desktop/main_window.py" line="485"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="267"/>
        <source>事件(&amp;E)</source>
        <translation>&amp;Event</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="268"/>
        <source>新建事件…</source>
        <translation>New event…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="273"/>
        <source>派单规则…</source>
        <translation>Dispatch rules…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="278"/>
        <source>摄像机(&amp;C)</source>
        <translation>&amp;Cameras</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="279"/>
        <source>工地与报送(&amp;R)</source>
        <translation>Sites &amp;&amp; &amp;Reports</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="280"/>
        <source>报表(&amp;B)</source>
        <translation>Re&amp;ports</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="281"/>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="284"/>
        <source>地图底图…</source>
        <translation>Map base tiles…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="288"/>
        <source>大屏（数据驾驶舱）</source>
        <translation>Big screen (data cockpit)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="292"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="293"/>
        <source>关于网格指挥台…</source>
        <translation>About GridDesk…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="330"/>
        <location filename="../../desktop/main_window.py" line="868"/>
        <source>操作员：{name}（{user}）</source>
        <translation>Operator: {name} ({user})</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="335"/>
        <source>岗位：{post}</source>
        <translation>Post: {post}</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="341"/>
        <source>数据库：{db}</source>
        <translation>Database: {db}</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="431"/>
        <source>与数据库服务器的连接中断</source>
        <translation>The connection to the database server was lost</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="478"/>
        <source>退出 GridDesk</source>
        <translation>Quit GridDesk</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="479"/>
        <source>退出后本岗位（{post}）无人登录值守。确定退出吗？</source>
        <translation>After quitting, nobody is logged in on duty at this post ({post}). Quit?</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="486"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="672"/>
        <source>🔇 提示音已静音</source>
        <translation>🔇 Alarm sound muted</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="687"/>
        <source>确认预警</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="805"/>
        <source>本机待提交 {count} 项</source>
        <translation>{count} kept here, not yet written</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="811"/>
        <source>离线操作未能提交</source>
        <translation>Offline action not written</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="824"/>
        <source>在线：{who}</source>
        <translation>Online: {who}</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="881"/>
        <source>应急预案</source>
        <translation>Emergency plans</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="902"/>
        <source>预案已保存</source>
        <translation>Plan saved</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="919"/>
        <source>时限标准</source>
        <translation>Time limits</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="949"/>
        <source>比例有误</source>
        <translation>The thresholds are not valid</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="971"/>
        <source>预警比例已保存；重算了 {count} 件未结事件的预警时点</source>
        <translation>Thresholds saved; the alarm points of {count} open events recomputed</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="993"/>
        <source>已保存：此后计算的时限按新标准</source>
        <translation>Saved: deadlines computed from now on use the new limits</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="1009"/>
        <source>{year} 年节假日安排未录入：请值班长在“工作日历”中录入</source>
        <translation>{year}&apos;s holidays are not entered: the duty chief enters them in “Working-day calendar”</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="951"/>
        <source>{day}：日期不在该年或说明过长</source>
        <translation>{day}: not in that year, or the note is too long</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="560"/>
        <source>⚠ 以超级用户连接数据库</source>
        <translation>⚠ Superuser connection</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="562"/>
        <source>⚠ 以所有者连接数据库</source>
        <translation>⚠ Owner connection</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="567"/>
        <source>各岗位不应以数据库所有者或超级用户连接：请用 python main.py db grant --role 角色名 设置应用角色，并以该角色连接</source>
        <translation>The posts should not connect as the database&apos;s owner or a superuser: set up an application role with python main.py db grant --role NAME and connect as it</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="693"/>
        <source>未结 {open} · {alarms}</source>
        <translation>Open {open} · {alarms}</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="1053"/>
        <source>已保存；重算了 {count} 件未结事件的时限</source>
        <translation>Saved; deadlines of {count} open events recomputed</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="1146"/>
        <source>规则已保存，但未能重新读取，请稍后重新打开</source>
        <translation>The rule was saved but could not be read back: open the dialog again shortly</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="1159"/>
        <source>模式：{mode}</source>
        <translation>Mode: {mode}</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="1211"/>
        <source>启动应急模式</source>
        <translation>Declare an emergency</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="1249"/>
        <location filename="../../desktop/main_window.py" line="1260"/>
        <source>恢复常态</source>
        <translation>Return to normal</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="1249"/>
        <source>恢复常态的原因（必填）</source>
        <translation>Why the centre returns to normal (required)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="1269"/>
        <source>应急处置清单</source>
        <translation>Emergency checklist</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="1285"/>
        <source>● 已连接</source>
        <translation>● Connected</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="1288"/>
        <source>● 数据库断开，正在重试</source>
        <translation>● Database lost, retrying</translation>
    </message>
</context>
<context>
    <name>MapPanel</name>
    <message>
        <location filename="../../widgets/map_panel.py" line="586"/>
        <source>图层</source>
        <translation>Layers</translation>
    </message>
    <message>
        <location filename="../../widgets/map_panel.py" line="587"/>
        <source>收起图例</source>
        <translation>Fold the legend</translation>
    </message>
    <message>
        <location filename="../../widgets/map_panel.py" line="588"/>
        <source>展开图例</source>
        <translation>Show the legend</translation>
    </message>
    <message>
        <location filename="../../widgets/map_panel.py" line="589"/>
        <source>事件</source>
        <translation>Events</translation>
    </message>
    <message>
        <location filename="../../widgets/map_panel.py" line="590"/>
        <source>网格热力（在办事件数）</source>
        <translation>Grid heat (open events)</translation>
    </message>
    <message>
        <location filename="../../widgets/map_panel.py" line="591"/>
        <source>摄像机</source>
        <translation>Cameras</translation>
    </message>
    <message>
        <location filename="../../widgets/map_panel.py" line="592"/>
        <source>物联设备</source>
        <translation>IoT devices</translation>
    </message>
    <message>
        <location filename="../../widgets/map_panel.py" line="593"/>
        <source>在建工地</source>
        <translation>Construction sites</translation>
    </message>
    <message>
        <location filename="../../widgets/map_panel.py" line="594"/>
        <source>网格编号</source>
        <translation>Grid codes</translation>
    </message>
    <message>
        <location filename="../../widgets/map_panel.py" line="595"/>
        <source>网格</source>
        <translation>Grids</translation>
    </message>
    <message>
        <location filename="../../widgets/map_panel.py" line="596"/>
        <source>执法片区</source>
        <translation>Enforcement zones</translation>
    </message>
    <message>
        <location filename="../../widgets/map_panel.py" line="597"/>
        <source>社区</source>
        <translation>Communities</translation>
    </message>
    <message>
        <location filename="../../widgets/map_panel.py" line="598"/>
        <source>在线</source>
        <translation>online</translation>
    </message>
    <message>
        <location filename="../../widgets/map_panel.py" line="599"/>
        <source>离线</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../../widgets/map_panel.py" line="600"/>
        <source>{grade}级工地</source>
        <translation>Grade {grade} site</translation>
    </message>
    <message>
        <location filename="../../widgets/map_panel.py" line="601"/>
        <source>已上报</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location filename="../../widgets/map_panel.py" line="602"/>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../widgets/map_panel.py" line="603"/>
        <source>已派遣</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <location filename="../../widgets/map_panel.py" line="604"/>
        <source>已响应</source>
        <translation>Responded</translation>
    </message>
    <message>
        <location filename="../../widgets/map_panel.py" line="605"/>
        <source>已办结</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../widgets/map_panel.py" line="606"/>
        <source>即将超时</source>
        <translation>Soon due</translation>
    </message>
    <message>
        <location filename="../../widgets/map_panel.py" line="607"/>
        <source>超时</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../widgets/map_panel.py" line="608"/>
        <source>升级</source>
        <translation>Escalated</translation>
    </message>
</context>
<context>
    <name>MapWork</name>
    <message>
        <location filename="../../desktop/map_work.py" line="137"/>
        <source>地图底图不可用，已改为无底图：{why}</source>
        <translation>Map base tiles unavailable, showing none: {why}</translation>
    </message>
</context>
<context>
    <name>PanelManager</name>
    <message>
        <location filename="../../desktop/panels.py" line="88"/>
        <source>事件队列</source>
        <translation>Event queue</translation>
    </message>
    <message>
        <location filename="../../desktop/panels.py" line="93"/>
        <source>一图总览</source>
        <translation>Live map</translation>
    </message>
    <message>
        <location filename="../../desktop/panels.py" line="97"/>
        <source>超时预警</source>
        <translation>Timeout alarms</translation>
    </message>
    <message>
        <location filename="../../desktop/panels.py" line="103"/>
        <source>视频联动</source>
        <translation>Video links</translation>
    </message>
    <message>
        <location filename="../../desktop/panels.py" line="109"/>
        <source>事件详情</source>
        <translation>Event detail</translation>
    </message>
    <message>
        <location filename="../../desktop/panels.py" line="115"/>
        <source>应急处置清单</source>
        <translation>Emergency checklist</translation>
    </message>
    <message>
        <location filename="../../desktop/panels.py" line="121"/>
        <source>值班日志</source>
        <translation>Duty log</translation>
    </message>
    <message>
        <location filename="../../desktop/panels.py" line="127"/>
        <source>物联网设备</source>
        <translation>IoT devices</translation>
    </message>
</context>
<context>
    <name>PatrolWindow</name>
    <message>
        <location filename="../../widgets/patrol.py" line="275"/>
        <source>视频轮巡：{name}</source>
        <translation>Patrol tour: {name}</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="289"/>
        <source>正常</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="291"/>
        <source>生成事件…</source>
        <translation>Create event…</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="292"/>
        <source>外部打开</source>
        <translation>Open externally</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="293"/>
        <source>工地隐患…</source>
        <translation>Site finding…</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="295"/>
        <source>结束巡查</source>
        <translation>End patrol</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="306"/>
        <source>看到了什么（必填）</source>
        <translation>What did you see? (required)</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="308"/>
        <source>保存事件</source>
        <translation>Save event</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="309"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="311"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="312"/>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="313"/>
        <source>描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="371"/>
        <source>已生成事件 {code}</source>
        <translation>Event {code} created</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="397"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="402"/>
        <source>巡查结束：查看 {seen} 个摄像机，正常 {normal} 个，生成事件 {events} 件</source>
        <translation>Patrol ended: {seen} cameras viewed, {normal} normal, {events} events created</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="426"/>
        <source>第 {n}/{total} 个：{name}</source>
        <translation>Camera {n}/{total}: {name}</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="440"/>
        <source>剩余 {s} 秒</source>
        <translation>{s} s left</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="472"/>
        <source>请填写描述</source>
        <translation>Enter a description</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <location filename="../../widgets/plan_dialog.py" line="38"/>
        <source>应急预案</source>
        <translation>Emergency plans</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_dialog.py" line="42"/>
        <source>新建预案</source>
        <translation>New plan</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_dialog.py" line="46"/>
        <source>处置事项</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_dialog.py" line="46"/>
        <source>时限（分钟，可空）</source>
        <translation>Due (minutes, optional)</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_dialog.py" line="49"/>
        <source>添加事项</source>
        <translation>Add item</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_dialog.py" line="50"/>
        <source>移除事项</source>
        <translation>Remove item</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_dialog.py" line="57"/>
        <source>保存预案</source>
        <translation>Save plan</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_dialog.py" line="58"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_dialog.py" line="67"/>
        <source>预案名称</source>
        <translation>Plan name</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_dialog.py" line="136"/>
        <source>第 {row} 项的时限须为分钟数</source>
        <translation>Item {row}: the due time must be a number of minutes</translation>
    </message>
</context>
<context>
    <name>RejectedDialog</name>
    <message>
        <location filename="../../widgets/device_list.py" line="231"/>
        <source>物联网桥拒收的消息</source>
        <translation>Messages rejected by the IoT bridge</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="233"/>
        <source>最近 {count} 条</source>
        <translation>The latest {count}</translation>
    </message>
</context>
<context>
    <name>RejectedTableModel</name>
    <message>
        <location filename="../../widgets/device_list.py" line="199"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="200"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="201"/>
        <source>主题</source>
        <translation>Topic</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="202"/>
        <source>详情</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location filename="../../widgets/device_list.py" line="203"/>
        <source>消息内容</source>
        <translation>Message</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../widgets/report_dialog.py" line="56"/>
        <source>生成报表</source>
        <translation>Make a report</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="66"/>
        <source>生成</source>
        <translation>Make</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="71"/>
        <source>含此日的统计期：</source>
        <translation>the period holding:</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="75"/>
        <source>报表</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="79"/>
        <source>%v/%m</source>
        <translation>%v/%m</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="92"/>
        <source>研判：本期态势、突出问题、下步工作建议（签发前填写）</source>
        <translation>Assessment: the period&apos;s situation, the problems that stand out, what to do next (written before issuing)</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="94"/>
        <source>签发</source>
        <translation>Issue</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="98"/>
        <source>导出 PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="100"/>
        <source>导出 XLSX…</source>
        <translation>Export XLSX…</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="114"/>
        <source>研判</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="158"/>
        <source>未签发</source>
        <translation>not issued</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="168"/>
        <source>本期报表已签发（{who}，{at}），导出的是签发时的文件</source>
        <translation>This period&apos;s report is issued ({who}, {at}): exports are the files as issued</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="189"/>
        <source>已签发：{number}</source>
        <translation>Issued: {number}</translation>
    </message>
</context>
<context>
    <name>ReportWork</name>
    <message>
        <location filename="../../desktop/report_work.py" line="79"/>
        <source>生成报表(&amp;M)…</source>
        <translation>Make a report(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../desktop/report_work.py" line="80"/>
        <source>已签发报表(&amp;L)…</source>
        <translation>Issued reports(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../desktop/report_work.py" line="198"/>
        <source>导出报表</source>
        <translation>Export the report</translation>
    </message>
    <message>
        <location filename="../../desktop/report_work.py" line="200"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop/report_work.py" line="200"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/report_work.py" line="216"/>
        <source>无法写入文件：{reason}</source>
        <translation>Cannot write the file: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/report_work.py" line="218"/>
        <location filename="../../desktop/report_work.py" line="284"/>
        <source>已导出：{path}</source>
        <translation>Exported: {path}</translation>
    </message>
</context>
<context>
    <name>RosterDialog</name>
    <message>
        <location filename="../../widgets/roster_dialog.py" line="47"/>
        <source>排班</source>
        <translation>Roster</translation>
    </message>
    <message>
        <location filename="../../widgets/roster_dialog.py" line="53"/>
        <source>两班制（白班、夜班）</source>
        <translation>Two shifts (day, night)</translation>
    </message>
    <message>
        <location filename="../../widgets/roster_dialog.py" line="54"/>
        <source>24 小时值班</source>
        <translation>24-hour duty</translation>
    </message>
    <message>
        <location filename="../../widgets/roster_dialog.py" line="59"/>
        <source>班次</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location filename="../../widgets/roster_dialog.py" line="59"/>
        <source>带班领导</source>
        <translation>Duty leader</translation>
    </message>
    <message>
        <location filename="../../widgets/roster_dialog.py" line="70"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../widgets/roster_dialog.py" line="73"/>
        <source>班制</source>
        <translation>Shift pattern</translation>
    </message>
    <message>
        <location filename="../../widgets/roster_dialog.py" line="123"/>
        <source>— 未排 —</source>
        <translation>— not rostered —</translation>
    </message>
</context>
<context>
    <name>RubricDialog</name>
    <message>
        <location filename="../../widgets/site_sheet.py" line="494"/>
        <source>工地评分细则</source>
        <translation>Site scoring rubric</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="499"/>
        <source>评分项</source>
        <translation>Rubric item</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="499"/>
        <source>分值</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="499"/>
        <source>每处扣分</source>
        <translation>Per finding</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="499"/>
        <source>否决项</source>
        <translation>Veto</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="503"/>
        <source>添加评分项</source>
        <translation>Add item</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="504"/>
        <source>移除评分项</source>
        <translation>Remove item</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="508"/>
        <source>A/B/C 三级</source>
        <translation>Grades A/B/C</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="509"/>
        <source>红黄绿牌</source>
        <translation>Red/yellow/green plates</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="512"/>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="523"/>
        <source>保存并重新评分</source>
        <translation>Save and regrade</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="524"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="532"/>
        <source>分级方式</source>
        <translation>Grading</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="533"/>
        <source>最高一级不低于（分）</source>
        <translation>Top grade from (points)</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="534"/>
        <source>第二级不低于（分）</source>
        <translation>Second grade from (points)</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="535"/>
        <source>隐患统计期</source>
        <translation>Findings count for</translation>
    </message>
</context>
<context>
    <name>ScreenLock</name>
    <message>
        <location filename="../../widgets/login_dialog.py" line="124"/>
        <source>屏幕已锁定</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <location filename="../../widgets/login_dialog.py" line="128"/>
        <source>屏幕已由 {name} 锁定。请输入密码解锁。</source>
        <translation>The screen was locked by {name}. Enter the password to unlock it.</translation>
    </message>
    <message>
        <location filename="../../widgets/login_dialog.py" line="130"/>
        <source>{name}，屏幕因闲置已锁定。请输入密码解锁。</source>
        <translation>{name}, the screen locked after being idle. Enter your password to unlock it.</translation>
    </message>
</context>
<context>
    <name>SiteListDialog</name>
    <message>
        <location filename="../../widgets/site_sheet.py" line="111"/>
        <source>在建工地</source>
        <translation>Construction sites</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="117"/>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="118"/>
        <source>工地</source>
        <translation>Site</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="119"/>
        <source>施工单位</source>
        <translation>Contractor</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="120"/>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="121"/>
        <source>等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="122"/>
        <source>未整改隐患</source>
        <translation>Open findings</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="127"/>
        <source>打开工地档案</source>
        <translation>Open site sheet</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="130"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>SiteSheetDialog</name>
    <message>
        <location filename="../../widgets/site_sheet.py" line="257"/>
        <source>工地档案</source>
        <translation>Site sheet</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="272"/>
        <source>发现时间</source>
        <translation>Found</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="273"/>
        <location filename="../../widgets/site_sheet.py" line="284"/>
        <location filename="../../widgets/site_sheet.py" line="322"/>
        <source>评分项</source>
        <translation>Rubric item</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="274"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="275"/>
        <source>情况</source>
        <translation>Finding</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="276"/>
        <source>扣分</source>
        <translation>Deducts</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="277"/>
        <source>整改核验</source>
        <translation>Rectification verified</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="284"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="284"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="284"/>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="284"/>
        <source>等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="288"/>
        <source>事件编号</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="288"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="288"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="288"/>
        <source>上报时间</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="294"/>
        <source>隐患与整改</source>
        <translation>Findings and rectifications</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="295"/>
        <source>分数变化</source>
        <translation>Score over time</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="296"/>
        <source>相关事件</source>
        <translation>Events at the site</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="305"/>
        <source>隐患情况（可空）</source>
        <translation>What was found (optional)</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="306"/>
        <source>记录隐患</source>
        <translation>Record finding</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="310"/>
        <source>核验说明（可空）</source>
        <translation>Verification note (optional)</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="311"/>
        <source>核验整改</source>
        <translation>Verify rectification</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="313"/>
        <source>导出PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="319"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="356"/>
        <source>{name}（否决项）</source>
        <translation>{name} (veto)</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="358"/>
        <source>{name}（每处扣{points}分）</source>
        <translation>{name} (−{points} each)</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="372"/>
        <source>工地档案 · {name}</source>
        <translation>Site sheet · {name}</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="375"/>
        <source>{contractor} · {grade} · 未整改隐患 {open} 处（统计期 {days} 天）</source>
        <translation>{contractor} · {grade} · {open} open findings (over {days} days)</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="387"/>
        <source>{at} {by}</source>
        <translation>{at} {by}</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="391"/>
        <source>未整改</source>
        <translation>Not rectified</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="393"/>
        <source>否决</source>
        <translation>Veto</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="399"/>
        <source>（{points}）</source>
        <translation>({points})</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="470"/>
        <source>请先选择一条未整改的隐患</source>
        <translation>Select an open finding first</translation>
    </message>
</context>
<context>
    <name>SiteWork</name>
    <message>
        <location filename="../../desktop/site_work.py" line="134"/>
        <source>在建工地(&amp;W)…</source>
        <translation>Construction &amp;sites…</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="135"/>
        <source>工地评分细则…</source>
        <translation>Site scoring rubric…</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="137"/>
        <source>信息报送…</source>
        <translation>Upward reports…</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="138"/>
        <source>标记为重大事件并报送</source>
        <translation>Mark as major and report upward</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="321"/>
        <source>已记录隐患</source>
        <translation>Finding recorded</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="334"/>
        <source>已核验整改</source>
        <translation>Rectification verified</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="343"/>
        <source>导出工地档案</source>
        <translation>Export site sheet</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="345"/>
        <location filename="../../desktop/site_work.py" line="517"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="355"/>
        <location filename="../../desktop/site_work.py" line="530"/>
        <source>已导出：{path}</source>
        <translation>Exported: {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="402"/>
        <source>已保存，全部工地已重新评分（{count} 处工地得分或等级变化）</source>
        <translation>Saved; every site regraded ({count} changed score or grade)</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="427"/>
        <source>没有需要报送的突发事件</source>
        <translation>No emergency to report</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="476"/>
        <source>草稿已保存</source>
        <translation>Draft saved</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="490"/>
        <source>已记录电话报告</source>
        <translation>Phone report recorded</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="506"/>
        <source>已签发{name}</source>
        <translation>{name} issued</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="517"/>
        <source>导出上报信息</source>
        <translation>Export upward report</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="547"/>
        <source>请先选择一个事件</source>
        <translation>Select an event first</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="582"/>
        <source>有新的突发事件信息需要报送</source>
        <translation>A new emergency must be reported upward</translation>
    </message>
</context>
<context>
    <name>SlaDialog</name>
    <message>
        <location filename="../../widgets/sla_dialog.py" line="45"/>
        <source>时限标准（SLA）</source>
        <translation>Time limits (SLA)</translation>
    </message>
    <message>
        <location filename="../../widgets/sla_dialog.py" line="50"/>
        <source>小时</source>
        <translation>hours</translation>
    </message>
    <message>
        <location filename="../../widgets/sla_dialog.py" line="50"/>
        <source>工作日</source>
        <translation>working days</translation>
    </message>
    <message>
        <location filename="../../widgets/sla_dialog.py" line="53"/>
        <location filename="../../widgets/sla_dialog.py" line="99"/>
        <source>模式</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location filename="../../widgets/sla_dialog.py" line="53"/>
        <location filename="../../widgets/sla_dialog.py" line="100"/>
        <source>时限</source>
        <translation>Clock</translation>
    </message>
    <message>
        <location filename="../../widgets/sla_dialog.py" line="53"/>
        <location filename="../../widgets/sla_dialog.py" line="101"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../widgets/sla_dialog.py" line="53"/>
        <location filename="../../widgets/sla_dialog.py" line="102"/>
        <source>优先级</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../widgets/sla_dialog.py" line="53"/>
        <location filename="../../widgets/sla_dialog.py" line="106"/>
        <source>时长</source>
        <translation>Limit</translation>
    </message>
    <message>
        <location filename="../../widgets/sla_dialog.py" line="68"/>
        <location filename="../../widgets/sla_dialog.py" line="72"/>
        <location filename="../../widgets/sla_dialog.py" line="154"/>
        <location filename="../../widgets/sla_dialog.py" line="157"/>
        <source>任意</source>
        <translation>any</translation>
    </message>
    <message>
        <location filename="../../widgets/sla_dialog.py" line="86"/>
        <source>保存修改</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <location filename="../../widgets/sla_dialog.py" line="87"/>
        <source>新增</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../widgets/sla_dialog.py" line="88"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../widgets/sla_dialog.py" line="95"/>
        <source>保存预警比例</source>
        <translation>Save thresholds</translation>
    </message>
    <message>
        <location filename="../../widgets/sla_dialog.py" line="97"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../widgets/sla_dialog.py" line="116"/>
        <source>越具体越优先：类别+优先级 &gt; 优先级 &gt; 类别 &gt; 通用。修改只影响此后计算的时限。</source>
        <translation>The more specific wins: category and priority &gt; priority &gt; category &gt; general. Changes apply to deadlines computed from now on.</translation>
    </message>
    <message>
        <location filename="../../widgets/sla_dialog.py" line="124"/>
        <source>预警：已用时限的</source>
        <translation>Warning when this much of the time has gone:</translation>
    </message>
    <message>
        <location filename="../../widgets/sla_dialog.py" line="126"/>
        <source>升级：超时超过时限的</source>
        <translation>Escalated when overdue by this much of the time:</translation>
    </message>
    <message>
        <location filename="../../widgets/sla_dialog.py" line="195"/>
        <source>请先在表中选择要修改的时限</source>
        <translation>Select the limit to change in the table first</translation>
    </message>
</context>
<context>
    <name>SnapshotTree</name>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="90"/>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="90"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="138"/>
        <source>{who} 切换为{mode}：{reason}</source>
        <translation>{who} switched to {mode}: {reason}</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="153"/>
        <source>{who} {start}，{cameras} 路，正常 {normal}，发现事件 {events}</source>
        <translation>{who} {start}, {cameras} cameras, {normal} normal, {events} events found</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="196"/>
        <source>本班数据</source>
        <translation>This shift&apos;s figures</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_dialog.py" line="197"/>
        <source>受理 {taken} · 派遣 {dispatched} · 结案 {closed} · 超时 {overdue}</source>
        <translation>Accepted {taken} · dispatched {dispatched} · closed {closed} · overdue {overdue}</translation>
    </message>
</context>
<context>
    <name>TileSourceDialog</name>
    <message>
        <location filename="../../widgets/tile_dialog.py" line="38"/>
        <source>地图底图</source>
        <translation>Map base tiles</translation>
    </message>
    <message>
        <location filename="../../widgets/tile_dialog.py" line="40"/>
        <source>无底图（只画边界、网格与编号）</source>
        <translation>No base tiles (boundary, grids and codes only)</translation>
    </message>
    <message>
        <location filename="../../widgets/tile_dialog.py" line="41"/>
        <source>内网瓦片服务</source>
        <translation>Intranet tile server</translation>
    </message>
    <message>
        <location filename="../../widgets/tile_dialog.py" line="42"/>
        <source>本地 MBTiles 文件</source>
        <translation>Local MBTiles file</translation>
    </message>
    <message>
        <location filename="../../widgets/tile_dialog.py" line="54"/>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../widgets/tile_dialog.py" line="56"/>
        <source>WGS-84 / CGCS2000（天地图等）</source>
        <translation>WGS-84 / CGCS2000 (Tianditu etc.)</translation>
    </message>
    <message>
        <location filename="../../widgets/tile_dialog.py" line="57"/>
        <source>GCJ-02（高德、腾讯等）</source>
        <translation>GCJ-02 (AMap, Tencent etc.)</translation>
    </message>
    <message>
        <location filename="../../widgets/tile_dialog.py" line="73"/>
        <source>瓦片地址</source>
        <translation>Tile URL</translation>
    </message>
    <message>
        <location filename="../../widgets/tile_dialog.py" line="75"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../widgets/tile_dialog.py" line="76"/>
        <source>底图坐标系</source>
        <translation>Tile datum</translation>
    </message>
    <message>
        <location filename="../../widgets/tile_dialog.py" line="123"/>
        <source>选择 MBTiles 文件</source>
        <translation>Choose an MBTiles file</translation>
    </message>
</context>
<context>
    <name>TourEditor</name>
    <message>
        <location filename="../../widgets/patrol.py" line="139"/>
        <source>编辑轮巡</source>
        <translation>Edit patrol tour</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="139"/>
        <source>新建轮巡</source>
        <translation>New patrol tour</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="146"/>
        <source> 秒</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="149"/>
        <source>搜索摄像机…</source>
        <translation>Search cameras…</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="152"/>
        <source>加入 →</source>
        <translation>Add →</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="153"/>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="154"/>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="155"/>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="162"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="163"/>
        <source>每个摄像机停留</source>
        <translation>Time per camera</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="169"/>
        <source>轮巡顺序</source>
        <translation>Tour order</translation>
    </message>
</context>
<context>
    <name>TourListDialog</name>
    <message>
        <location filename="../../widgets/patrol.py" line="64"/>
        <source>视频轮巡</source>
        <translation>Patrol tours</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="66"/>
        <source>开始轮巡</source>
        <translation>Start tour</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="67"/>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="68"/>
        <source>新建…</source>
        <translation>New…</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="69"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../widgets/patrol.py" line="93"/>
        <source>{name}（{count} 个摄像机，每个 {dwell} 秒）</source>
        <translation>{name} ({count} cameras, {dwell} s each)</translation>
    </message>
</context>
<context>
    <name>UpwardReportDialog</name>
    <message>
        <location filename="../../widgets/upward_report.py" line="109"/>
        <source>信息报送</source>
        <translation>Upward reports</translation>
    </message>
    <message>
        <location filename="../../widgets/upward_report.py" line="139"/>
        <source>已签发</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../widgets/upward_report.py" line="142"/>
        <source>导出所选报告PDF…</source>
        <translation>Export selected report as PDF…</translation>
    </message>
    <message>
        <location filename="../../widgets/upward_report.py" line="149"/>
        <source>保存草稿</source>
        <translation>Save draft</translation>
    </message>
    <message>
        <location filename="../../widgets/upward_report.py" line="151"/>
        <source>已电话报告</source>
        <translation>Reported by phone</translation>
    </message>
    <message>
        <location filename="../../widgets/upward_report.py" line="154"/>
        <source>签发</source>
        <translation>Issue</translation>
    </message>
    <message>
        <location filename="../../widgets/upward_report.py" line="160"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../widgets/upward_report.py" line="210"/>
        <source>{name} · {at} · 签发人 {signed}</source>
        <translation>{name} · {at} · signed by {signed}</translation>
    </message>
    <message>
        <location filename="../../widgets/upward_report.py" line="232"/>
        <source>已终报，报送结束</source>
        <translation>Final report issued: reporting closed</translation>
    </message>
    <message>
        <location filename="../../widgets/upward_report.py" line="246"/>
        <source>{what} {when}（{left}）</source>
        <translation>{what} {when} ({left})</translation>
    </message>
    <message>
        <location filename="../../widgets/upward_report.py" line="252"/>
        <source>应报：{items}</source>
        <translation>Due: {items}</translation>
    </message>
</context>
<context>
    <name>VideoLinksPanel</name>
    <message>
        <location filename="../../widgets/video_links.py" line="50"/>
        <location filename="../../widgets/video_links.py" line="183"/>
        <source>选中事件后，这里列出附近的摄像机</source>
        <translation>Select an event to list the cameras near it here</translation>
    </message>
    <message>
        <location filename="../../widgets/video_links.py" line="57"/>
        <source>搜索摄像机名称、国标编码、网格、工地…</source>
        <translation>Search camera name, GB/T 28181 id, grid, site…</translation>
    </message>
    <message>
        <location filename="../../widgets/video_links.py" line="62"/>
        <source>按社区 / 网格</source>
        <translation>By community / grid</translation>
    </message>
    <message>
        <location filename="../../widgets/video_links.py" line="62"/>
        <source>按工地</source>
        <translation>By site</translation>
    </message>
    <message>
        <location filename="../../widgets/video_links.py" line="62"/>
        <source>按类型</source>
        <translation>By kind</translation>
    </message>
    <message>
        <location filename="../../widgets/video_links.py" line="62"/>
        <source>本岗收藏</source>
        <translation>This post&apos;s favourites</translation>
    </message>
    <message>
        <location filename="../../widgets/video_links.py" line="68"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../widgets/video_links.py" line="68"/>
        <source>国标编码</source>
        <translation>GB/T 28181 id</translation>
    </message>
    <message>
        <location filename="../../widgets/video_links.py" line="68"/>
        <source>系统</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../../widgets/video_links.py" line="68"/>
        <source>摄像机</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../widgets/video_links.py" line="74"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../widgets/video_links.py" line="75"/>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../widgets/video_links.py" line="76"/>
        <location filename="../../widgets/video_links.py" line="296"/>
        <source>☆ 收藏</source>
        <translation>☆ Favourite</translation>
    </message>
    <message>
        <location filename="../../widgets/video_links.py" line="77"/>
        <source>轮巡…</source>
        <translation>Patrol tours…</translation>
    </message>
    <message>
        <location filename="../../widgets/video_links.py" line="159"/>
        <source>事件 {code} 周边 {radius} 米内没有摄像机</source>
        <translation>No cameras within {radius} m of event {code}</translation>
    </message>
    <message>
        <location filename="../../widgets/video_links.py" line="165"/>
        <source>事件 {code} 附近的摄像机（按数字键 1–9 打开）</source>
        <translation>Cameras near event {code} (press 1–9 to open)</translation>
    </message>
    <message>
        <location filename="../../widgets/video_links.py" line="170"/>
        <source>{prefix}{name} · {distance} 米</source>
        <translation>{prefix}{name} · {distance} m</translation>
    </message>
    <message>
        <location filename="../../widgets/video_links.py" line="239"/>
        <source>（不属于工地）</source>
        <translation>(not on a site)</translation>
    </message>
    <message>
        <location filename="../../widgets/video_links.py" line="244"/>
        <source>（未划入社区）</source>
        <translation>(no community)</translation>
    </message>
    <message>
        <location filename="../../widgets/video_links.py" line="296"/>
        <source>★ 取消收藏</source>
        <translation>★ Unfavourite</translation>
    </message>
</context>
<context>
    <name>VideoPreview</name>
    <message>
        <location filename="../../widgets/video_preview.py" line="79"/>
        <source>本机无法在应用内播放视频（缺少多媒体组件：{error}），请用外部播放器打开</source>
        <translation>This computer cannot play video in the app (multimedia component missing: {error}); open it in an external player</translation>
    </message>
    <message>
        <location filename="../../widgets/video_preview.py" line="84"/>
        <source>正在连接…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location filename="../../widgets/video_preview.py" line="111"/>
        <source>正在播放</source>
        <translation>Playing</translation>
    </message>
</context>
<context>
    <name>VideoWork</name>
    <message>
        <location filename="../../desktop/video_work.py" line="179"/>
        <source>该摄像机已不在登记册中</source>
        <translation>This camera is no longer in the registry</translation>
    </message>
    <message>
        <location filename="../../desktop/video_work.py" line="274"/>
        <location filename="../../desktop/video_work.py" line="281"/>
        <source>{name}：{reason}</source>
        <translation>{name}: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/video_work.py" line="300"/>
        <source>{system} 未配置播放器</source>
        <translation>No player is configured for {system}</translation>
    </message>
    <message>
        <location filename="../../desktop/video_work.py" line="308"/>
        <source>系统无法打开 {name} 的地址</source>
        <translation>The system cannot open the address of {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/video_work.py" line="338"/>
        <source>{system} 的播放器命令有误：{reason}</source>
        <translation>The player command of {system} is wrong: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/video_work.py" line="347"/>
        <source>无法启动播放器“{program}”：请检查它是否已安装</source>
        <translation>Cannot start the player &quot;{program}&quot;: check that it is installed</translation>
    </message>
    <message>
        <location filename="../../desktop/video_work.py" line="317"/>
        <source>已打开 {name}</source>
        <translation>Opened {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/video_work.py" line="353"/>
        <source>正在打开 {name}…</source>
        <translation>Opening {name}…</translation>
    </message>
    <message>
        <location filename="../../desktop/video_work.py" line="360"/>
        <source>播放器未能打开 {name}（退出码 {code}）：{reason}</source>
        <translation>The player could not open {name} (exit code {code}): {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/video_work.py" line="366"/>
        <source>播放器未说明原因</source>
        <translation>the player gave no reason</translation>
    </message>
    <message>
        <location filename="../../desktop/video_work.py" line="376"/>
        <source>视频预览</source>
        <translation>Video preview</translation>
    </message>
    <message>
        <location filename="../../desktop/video_work.py" line="407"/>
        <source>无法在应用内播放此视频流（{reason}）：可用“打开”在外部播放器中观看</source>
        <translation>This stream cannot be played in the application ({reason}): use &quot;Open&quot; to watch it in the external player</translation>
    </message>
    <message>
        <location filename="../../desktop/video_work.py" line="425"/>
        <source>导入摄像机登记册（CSV）…</source>
        <translation>Import the camera registry (CSV)…</translation>
    </message>
    <message>
        <location filename="../../desktop/video_work.py" line="429"/>
        <source>导出摄像机登记册（CSV）…</source>
        <translation>Export the camera registry (CSV)…</translation>
    </message>
    <message>
        <location filename="../../desktop/video_work.py" line="431"/>
        <source>视频轮巡…</source>
        <translation>Patrol tours…</translation>
    </message>
    <message>
        <location filename="../../desktop/video_work.py" line="433"/>
        <source>视频系统打开方式…</source>
        <translation>How video systems open…</translation>
    </message>
    <message>
        <location filename="../../desktop/video_work.py" line="452"/>
        <source>导入摄像机登记册</source>
        <translation>Import the camera registry</translation>
    </message>
    <message>
        <location filename="../../desktop/video_work.py" line="454"/>
        <location filename="../../desktop/video_work.py" line="464"/>
        <source>CSV 文件 (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <location filename="../../desktop/video_work.py" line="462"/>
        <source>导出摄像机登记册</source>
        <translation>Export the camera registry</translation>
    </message>
    <message>
        <location filename="../../desktop/video_work.py" line="478"/>
        <source>无法读取文件 {path}：{reason}</source>
        <translation>Cannot read the file {path}: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/video_work.py" line="499"/>
        <source>已导入：新增 {added} 个，更新 {updated} 个</source>
        <translation>Imported: {added} added, {updated} updated</translation>
    </message>
    <message>
        <location filename="../../desktop/video_work.py" line="518"/>
        <source>无法写入文件 {path}：{reason}</source>
        <translation>Cannot write the file {path}: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/video_work.py" line="524"/>
        <source>已导出到 {path}</source>
        <translation>Exported to {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/video_work.py" line="531"/>
        <source>摄像机登记册</source>
        <translation>Camera registry</translation>
    </message>
    <message>
        <location filename="../../desktop/video_work.py" line="581"/>
        <source>已登记客户端 {path}</source>
        <translation>Registered the client {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/video_work.py" line="612"/>
        <source>更改平台账号时请同时填写平台密码</source>
        <translation>Changing the platform user needs its password as well</translation>
    </message>
    <message>
        <location filename="../../desktop/video_work.py" line="634"/>
        <source>已保存 {code} 的打开方式</source>
        <translation>Saved how {code} opens</translation>
    </message>
    <message>
        <location filename="../../desktop/video_work.py" line="654"/>
        <source>视频轮巡</source>
        <translation>Patrol tours</translation>
    </message>
    <message>
        <location filename="../../desktop/video_work.py" line="695"/>
        <source>轮巡已删除</source>
        <translation>Tour deleted</translation>
    </message>
    <message>
        <location filename="../../desktop/video_work.py" line="709"/>
        <source>已有一次巡查正在进行</source>
        <translation>A patrol is already under way</translation>
    </message>
    <message>
        <location filename="../../desktop/video_work.py" line="816"/>
        <source>巡查结束时间未能记录：数据库暂时无法连接</source>
        <translation>The end of the patrol was not recorded: the database cannot be reached for now</translation>
    </message>
</context>
<context>
    <name>WallView</name>
    <message>
        <location filename="../../widgets/wall.py" line="142"/>
        <source>数据驾驶舱 · 一屏观全域</source>
        <translation>Data cockpit · the whole area on one screen</translation>
    </message>
    <message>
        <location filename="../../widgets/wall.py" line="152"/>
        <source>未结事件</source>
        <translation>Open events</translation>
    </message>
    <message>
        <location filename="../../widgets/wall.py" line="153"/>
        <source>超时事件</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../widgets/wall.py" line="154"/>
        <source>今日办结</source>
        <translation>Closed today</translation>
    </message>
    <message>
        <location filename="../../widgets/wall.py" line="155"/>
        <source>按期办结率（30日）</source>
        <translation>Closed on time (30 days)</translation>
    </message>
    <message>
        <location filename="../../widgets/wall.py" line="156"/>
        <source>运行模式</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location filename="../../widgets/wall.py" line="162"/>
        <source>近24小时上报</source>
        <translation>Reported, last 24 hours</translation>
    </message>
    <message>
        <location filename="../../widgets/wall.py" line="167"/>
        <source>近30日上报与办结</source>
        <translation>Reported and closed, last 30 days</translation>
    </message>
    <message>
        <location filename="../../widgets/wall.py" line="170"/>
        <source>上报</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location filename="../../widgets/wall.py" line="173"/>
        <source>办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../widgets/wall.py" line="178"/>
        <source>最新事件</source>
        <translation>Newest events</translation>
    </message>
    <message>
        <location filename="../../widgets/wall.py" line="179"/>
        <source>超时预警</source>
        <translation>Timeout alarms</translation>
    </message>
    <message>
        <location filename="../../widgets/wall.py" line="237"/>
        <source>{mode} {level}</source>
        <translation>{mode} {level}</translation>
    </message>
    <message>
        <location filename="../../widgets/wall.py" line="242"/>
        <source>应急模式 · {plan} · {level}响应 · {reason} · 处置清单 {done}/{total}</source>
        <translation>EMERGENCY · {plan} · level {level} response · {reason} · checklist {done}/{total}</translation>
    </message>
</context>
<context>
    <name>WallWindow</name>
    <message>
        <location filename="../../desktop/wall_work.py" line="70"/>
        <source>GridDesk 数据驾驶舱</source>
        <translation>GridDesk data cockpit</translation>
    </message>
    <message>
        <location filename="../../desktop/wall_work.py" line="82"/>
        <source>一图总览</source>
        <translation>Area map</translation>
    </message>
</context>
<context>
    <name>argparse</name>
    <message>
        <location filename="../../desktop/cli.py" line="80"/>
        <source>用法：</source>
        <translation>usage: </translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="81"/>
        <source>选项</source>
        <translation>options</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="82"/>
        <source>命令</source>
        <translation>positional arguments</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="83"/>
        <source>显示此帮助并退出</source>
        <translation>show this help message and exit</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="84"/>
        <source>%(prog)s：错误：%(message)s
</source>
        <translation>%(prog)s: error: %(message)s
</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="87"/>
        <source>缺少以下参数：%s</source>
        <translation>the following arguments are required: %s</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="88"/>
        <source>无法识别的参数：%s</source>
        <translation>unrecognized arguments: %s</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="89"/>
        <source>无效的选项：%(value)r（可选 %(choices)s）</source>
        <translation>invalid choice: %(value)r (choose from %(choices)s)</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="92"/>
        <source>参数 %(argument_name)s：%(message)s</source>
        <translation>argument %(argument_name)s: %(message)s</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="95"/>
        <source>需要一个值</source>
        <translation>expected one argument</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="96"/>
        <source>最多一个值</source>
        <translation>expected at most one argument</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="97"/>
        <source>至少需要一个值</source>
        <translation>expected at least one argument</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="98"/>
        <source>无效的 %(type)s 值：%(value)r</source>
        <translation>invalid %(type)s value: %(value)r</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="101"/>
        <source>有歧义的选项：%(option)s 可能是 %(matches)s</source>
        <translation>ambiguous option: %(option)s could match %(matches)s</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="104"/>
        <source>未知的命令 %(parser_name)r（可选：%(choices)s）</source>
        <translation>unknown parser %(parser_name)r (choices: %(choices)s)</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="107"/>
        <source>必须给出 %s 之一</source>
        <translation>one of the arguments %s is required</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="108"/>
        <source>不能与参数 %s 同用</source>
        <translation>not allowed with argument %s</translation>
    </message>
</context>
<context>
    <name>bulletin</name>
    <message>
        <location filename="../../desktop/bulletin_cli.py" line="43"/>
        <source>{detail} 的通报已签发</source>
        <translation>The bulletin of {detail} is already issued</translation>
    </message>
    <message>
        <location filename="../../desktop/bulletin_cli.py" line="44"/>
        <source>通报没有内容，未签发</source>
        <translation>The bulletin has no items; not issued</translation>
    </message>
    <message>
        <location filename="../../desktop/bulletin_cli.py" line="45"/>
        <source>通报条目过长或含不允许的字符：{detail}</source>
        <translation>A bulletin item is too long or holds characters not allowed: {detail}</translation>
    </message>
    <message>
        <location filename="../../desktop/bulletin_cli.py" line="48"/>
        <source>没有这期通报</source>
        <translation>No such bulletin</translation>
    </message>
    <message>
        <location filename="../../desktop/bulletin_cli.py" line="49"/>
        <source>找不到签发的值班长账号 {detail}：请用 --user 指定</source>
        <translation>No duty chief account {detail} to sign: name one with --user</translation>
    </message>
    <message>
        <location filename="../../desktop/bulletin_cli.py" line="87"/>
        <source>未发现需通报的风险</source>
        <translation>No risk to report</translation>
    </message>
    <message>
        <location filename="../../desktop/bulletin_cli.py" line="88"/>
        <source>本日数据中未发现上升、重复、超时集中等风险。</source>
        <translation>The day&apos;s data shows no rise, repeat complaint, overdue cluster or other risk.</translation>
    </message>
    <message>
        <location filename="../../widgets/bulletin_export.py" line="26"/>
        <source>网格事件上升：{subject}</source>
        <translation>Events rising in a grid: {subject}</translation>
    </message>
    <message>
        <location filename="../../widgets/bulletin_export.py" line="27"/>
        <location filename="../../widgets/bulletin_export.py" line="33"/>
        <source>{day}上报事件 {count} 件，前7日日均 {baseline} 件。</source>
        <translation>{count} events reported on {day}; {baseline} a day on average over the 7 days before.</translation>
    </message>
    <message>
        <location filename="../../widgets/bulletin_export.py" line="32"/>
        <source>类别事件上升：{subject}</source>
        <translation>Events rising in a category: {subject}</translation>
    </message>
    <message>
        <location filename="../../widgets/bulletin_export.py" line="38"/>
        <source>同一地点重复投诉：{subject}</source>
        <translation>Repeat complaints about one place: {subject}</translation>
    </message>
    <message>
        <location filename="../../widgets/bulletin_export.py" line="39"/>
        <source>近7日该地点上报事件 {count} 件。</source>
        <translation>{count} events reported at this place in the last 7 days.</translation>
    </message>
    <message>
        <location filename="../../widgets/bulletin_export.py" line="42"/>
        <source>超时事件集中：{subject}</source>
        <translation>Overdue events clustered: {subject}</translation>
    </message>
    <message>
        <location filename="../../widgets/bulletin_export.py" line="43"/>
        <source>超时未办结事件 {count} 件。</source>
        <translation>{count} events overdue and not closed.</translation>
    </message>
    <message>
        <location filename="../../widgets/bulletin_export.py" line="46"/>
        <source>工地评级下降：{subject}</source>
        <translation>Construction site graded down: {subject}</translation>
    </message>
    <message>
        <location filename="../../widgets/bulletin_export.py" line="47"/>
        <source>评级由 {before} 降为 {after}，得分 {baseline:.0f} → {count}。</source>
        <translation>Grade fell from {before} to {after}; score {baseline:.0f} → {count}.</translation>
    </message>
    <message>
        <location filename="../../widgets/bulletin_export.py" line="52"/>
        <source>物联设备离线</source>
        <translation>IoT devices offline</translation>
    </message>
    <message>
        <location filename="../../widgets/bulletin_export.py" line="53"/>
        <source>离线设备 {count} 台：{codes}。</source>
        <translation>{count} devices offline: {codes}.</translation>
    </message>
    <message>
        <location filename="../../widgets/bulletin_export.py" line="64"/>
        <location filename="../../widgets/bulletin_export.py" line="97"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../widgets/bulletin_export.py" line="72"/>
        <source>风险情况通报 {year}年第{number}期</source>
        <translation>Risk bulletin {year} No. {number}</translation>
    </message>
    <message>
        <location filename="../../widgets/bulletin_export.py" line="83"/>
        <source>日期：{day}&#x3000;签发：{who}&#x3000;签发时间：{at}</source>
        <translation>Date: {day}&#x3000;Issued by: {who}&#x3000;Issued at: {at}</translation>
    </message>
    <message>
        <location filename="../../widgets/bulletin_export.py" line="100"/>
        <source>相关事件</source>
        <translation>Events</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <location filename="../../desktop/cli.py" line="136"/>
        <source>数据库地址 (SQLite 或 postgresql+psycopg://…)，默认 GRIDDESK_DB 或用户数据目录</source>
        <translation>database URL (SQLite or postgresql+psycopg://…); default GRIDDESK_DB or the user data directory</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="141"/>
        <source>GridDesk 网格指挥台</source>
        <translation>GridDesk command-and-dispatch desk</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="147"/>
        <source>配置文件，默认 GRIDDESK_CONFIG 或 {path}</source>
        <translation>configuration file, by default GRIDDESK_CONFIG or {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="155"/>
        <source>显示版本号并退出</source>
        <translation>show the version number and exit</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="160"/>
        <source>岗位</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="162"/>
        <location filename="../../desktop/cli.py" line="281"/>
        <source>操作员账号</source>
        <translation>operator account</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="166"/>
        <source>空库时生成演示数据并以演示账号登录</source>
        <translation>seed demo data into an empty database and log in a demo operator</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="171"/>
        <source>以大屏（数据驾驶舱）启动，全屏显示在第二块屏幕上</source>
        <translation>start as the big screen (data cockpit), full screen on the second screen</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="176"/>
        <source>加载完成后截图到 PNG 文件并退出</source>
        <translation>when loaded, write a PNG screenshot and exit</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="182"/>
        <source>界面语言</source>
        <translation>interface language</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="193"/>
        <source>数据库维护</source>
        <translation>database maintenance</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="196"/>
        <source>升级数据库结构到最新版本</source>
        <translation>upgrade the database schema to the newest version</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="201"/>
        <source>为各岗位设置 PostgreSQL 应用角色：只在本数据库、不能改删记录（密码从标准输入读取）</source>
        <translation>Set up the posts&apos; PostgreSQL application role: this database only, the record cannot be changed or deleted (password from standard input)</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="210"/>
        <source>演示数据</source>
        <translation>demo data</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="212"/>
        <source>生成演示片区与事件</source>
        <translation>seed the demo area and events</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="222"/>
        <source>另导入一年的 12345 工单历史（N 张，编号带 DEMO- 前缀），默认 0</source>
        <translation>Also import a year of 12345 hotline history (N orders, numbered with the DEMO- prefix); default 0</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="228"/>
        <source>模拟现场：上报新事件，推进已派遣的事件（以操作员账号，Ctrl+C 结束）</source>
        <translation>simulate the field: report new events and move dispatched ones on (as an operator account; Ctrl+C ends it)</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="238"/>
        <source>每秒上报的事件数，默认 0.2</source>
        <translation>events reported per second, default 0.2</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="245"/>
        <source>运行秒数，默认 60；0 表示直到中断</source>
        <translation>seconds to run, default 60; 0 runs until interrupted</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="252"/>
        <source>模拟器使用的操作员账号，默认 dispatch；密码取自环境变量 GRIDDESK_PASSWORD</source>
        <translation>the operator account the simulator acts as, default dispatch; the password comes from GRIDDESK_PASSWORD</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="257"/>
        <source>统计数字</source>
        <translation>counts</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="262"/>
        <source>导出</source>
        <translation>export</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="266"/>
        <source>导出社区、网格与执法片区为 GeoJSON (WGS-84)</source>
        <translation>export communities, grids and enforcement zones as GeoJSON (WGS-84)</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="272"/>
        <source>导出期间内办结或退单的 12345 工单答复（XLSX，表头与工单导出一致）</source>
        <translation>Export the replies of the 12345 orders answered or sent back in the period (XLSX, headed like the hotline&apos;s export)</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="285"/>
        <source>新建操作员账号（密码从标准输入读取，或在终端中输入）</source>
        <translation>create an operator account (the password is read from standard input, or asked for in a terminal)</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="295"/>
        <source>摄像机登记册</source>
        <translation>camera register</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="299"/>
        <source>从 CSV 导入摄像机（UTF-8 或 GBK；有一行出错则全部不导入）</source>
        <translation>import cameras from CSV (UTF-8 or GBK; if any row is wrong, nothing is imported)</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="307"/>
        <source>导出摄像机为 CSV（UTF-8 带 BOM，不含账号密码）</source>
        <translation>export cameras as CSV (UTF-8 with BOM, without accounts or passwords)</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="313"/>
        <source>设置视频系统的打开方式（平台密码从标准输入读取，或在终端中输入）</source>
        <translation>set a video system&apos;s launch profile (the platform password is read from standard input, or asked for in a terminal)</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="325"/>
        <source>登记、移除或列出平台客户端程序（绝对路径）：播放器命令只能用已知播放器或已登记的客户端</source>
        <translation>Register, remove or list platform client programs (absolute paths): a player command may use only the known players or registered clients</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="334"/>
        <source>导入外部数据</source>
        <translation>Import outside data</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="338"/>
        <source>导入 12345 工单（XLSX，或 UTF-8/GBK 的 CSV；有一处出错则全部不导入）</source>
        <translation>Import 12345 hotline work orders (XLSX, or CSV in UTF-8/GBK; one problem and nothing is imported)</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="345"/>
        <source>物联网设备</source>
        <translation>IoT devices</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="349"/>
        <source>物联网桥：从 MQTT 代理接收设备报警与心跳并写入数据库（Ctrl+C 结束）</source>
        <translation>IoT bridge: take device alarms and heartbeats from the MQTT broker into the database (Ctrl+C ends it)</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="359"/>
        <source>模拟物联网设备：心跳、暴雨积水、高峰违停、部分设备失联（Ctrl+C 结束）</source>
        <translation>Simulate the IoT devices: heartbeats, a rain burst, rush-hour parking, some devices falling silent (Ctrl+C ends it)</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="369"/>
        <source>运行秒数，默认 0 表示直到中断</source>
        <translation>seconds to run; default 0: until interrupted</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="376"/>
        <source>心跳间隔秒数，默认按设备类型</source>
        <translation>heartbeat interval in seconds; default: each kind&apos;s own</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="381"/>
        <source>报表</source>
        <translation>reports</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="385"/>
        <source>导出交接班记录（按班次开始日期）为 PDF 或 XLSX</source>
        <translation>export handovers (by shift start date) as PDF or XLSX</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="405"/>
        <source>日期应写作 YYYY-MM-DD：{text}</source>
        <translation>A date is written YYYY-MM-DD: {text}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="419"/>
        <source>MQTT 代理地址与端口</source>
        <translation>the MQTT broker&apos;s address and port</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="426"/>
        <source>MQTT 用户名；密码取自环境变量 GRIDDESK_MQTT_PASSWORD 或 --mqtt-password-file</source>
        <translation>MQTT user name; the password comes from the environment variable GRIDDESK_MQTT_PASSWORD or --mqtt-password-file</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="432"/>
        <source>以 TLS 连接代理</source>
        <translation>connect to the broker over TLS</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="435"/>
        <source>CA 证书文件</source>
        <translation>CA certificate file</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="441"/>
        <source>客户端证书文件</source>
        <translation>client certificate file</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="447"/>
        <source>客户端私钥文件</source>
        <translation>client private key file</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="615"/>
        <source>数据库已是最新结构：{revision}</source>
        <translation>The database schema is current: {revision}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="621"/>
        <source>数据库结构已升级：{before} → {after}</source>
        <translation>Database schema upgraded: {before} → {after}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="646"/>
        <source>角色密码：</source>
        <translation>Role password: </translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="662"/>
        <source>已新建角色 {role}，并设置其在本数据库中的权限</source>
        <translation>Created the role {role} and set its rights in this database</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="664"/>
        <source>已更新角色 {role} 的密码与本数据库中的权限</source>
        <translation>Updated the password of the role {role} and its rights in this database</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="668"/>
        <source>各岗位请以此角色连接：--db {url}</source>
        <translation>The posts connect as this role: --db {url}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="697"/>
        <source>数据库中已有片区数据，未作任何更改。</source>
        <translation>The database already holds an area; nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="746"/>
        <source>模拟器无法以账号 {user} 登录：{reason}</source>
        <translation>The simulator cannot log in as {user}: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="753"/>
        <source>现场模拟已开始：账号 {user}，每秒约 {rate} 件，运行 {duration} 秒</source>
        <translation>Field simulation started: account {user}, about {rate} events a second, for {duration} s</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="757"/>
        <source>现场模拟已开始：账号 {user}，每秒约 {rate} 件，按 Ctrl+C 结束</source>
        <translation>Field simulation started: account {user}, about {rate} events a second; Ctrl+C ends it</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="774"/>
        <source>无法连接数据库 {target}：{detail}。每 {seconds} 秒重试，模拟继续</source>
        <translation>Cannot reach the database {target}: {detail}. Trying again every {seconds} s; the simulation goes on</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="780"/>
        <source>数据库已恢复连接，模拟继续</source>
        <translation>The database is back; the simulation goes on</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="791"/>
        <source>数据库中没有片区数据，请先运行 python main.py demo seed</source>
        <translation>The database holds no area: run python main.py demo seed first</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="805"/>
        <source>模拟结束：上报 {reported}，受理 {accepted}，派遣 {dispatched}，响应 {responded}，办结 {resolved}；与操作员冲突 {conflicts}</source>
        <translation>Simulation ended: reported {reported}, accepted {accepted}, dispatched {dispatched}, responded {responded}, resolved {resolved}; conflicts with operators {conflicts}</translation>
    </message>
    <message>
        <location filename="../../desktop/bulletin_cli.py" line="28"/>
        <source>签发（未签发时）并导出当日风险情况通报为 PDF</source>
        <translation>issue the day&apos;s risk bulletin (if not issued yet) and export it as PDF</translation>
    </message>
    <message>
        <location filename="../../desktop/bulletin_cli.py" line="35"/>
        <source>签发的值班长账号，默认本班次排班的值班长</source>
        <translation>the duty chief account that signs; default: the chief rostered on the current shift</translation>
    </message>
    <message>
        <location filename="../../desktop/bulletin_cli.py" line="69"/>
        <location filename="../../desktop/cli.py" line="851"/>
        <location filename="../../desktop/report_cli.py" line="76"/>
        <source>无法读写文件 {path}：{reason}</source>
        <translation>Cannot read or write the file {path}: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/bulletin_cli.py" line="102"/>
        <source>已签发{title}，并导出到 {path}</source>
        <translation>Issued {title} and exported it to {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/bulletin_cli.py" line="104"/>
        <source>已导出{title}到 {path}</source>
        <translation>Exported {title} to {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="899"/>
        <source>已导出 {n} 张工单的答复到 {path}</source>
        <translation>Exported the replies of {n} orders to {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="1042"/>
        <source>已导入：新增 {added} 个，更新 {updated} 个</source>
        <translation>Imported: {added} added, {updated} updated</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="1054"/>
        <source>已导出 {n} 个摄像机到 {path}</source>
        <translation>Exported {n} cameras to {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="1063"/>
        <source>平台密码：</source>
        <translation>Platform password: </translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="1083"/>
        <source>已设置 {system} 的打开方式</source>
        <translation>Launch profile set for {system}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="1105"/>
        <source>请给出客户端程序的绝对路径</source>
        <translation>Give the client program&apos;s absolute path</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="1121"/>
        <source>已登记客户端 {path}</source>
        <translation>Registered the client {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="1122"/>
        <source>客户端 {path} 已登记过</source>
        <translation>The client {path} was registered already</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="1123"/>
        <source>已移除客户端 {path}</source>
        <translation>Removed the client {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="1124"/>
        <source>客户端 {path} 未登记</source>
        <translation>The client {path} is not registered</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="1139"/>
        <location filename="../../desktop/report_cli.py" line="57"/>
        <source>请用 --pdf 或 --xlsx 指定输出文件</source>
        <translation>Name the output file with --pdf or --xlsx</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="889"/>
        <location filename="../../desktop/cli.py" line="1143"/>
        <source>结束日期早于开始日期</source>
        <translation>The end date is before the start date</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="1168"/>
        <source>已导出 {n} 条交接班记录到 {path}</source>
        <translation>Exported {n} handovers to {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="875"/>
        <source>已导出 {n} 个要素到 {path}</source>
        <translation>Exported {n} features to {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="954"/>
        <source>密码：</source>
        <translation>Password: </translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="950"/>
        <source>账号 {user} 已存在，未作任何更改</source>
        <translation>The account {user} exists already; nothing was changed</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="1003"/>
        <source>已新建账号 {user}</source>
        <translation>Created the account {user}</translation>
    </message>
    <message>
        <location filename="../../desktop/report_cli.py" line="34"/>
        <source>日监测报表（某日）为 PDF 和/或 XLSX</source>
        <translation>daily monitoring report (one day) as PDF and/or XLSX</translation>
    </message>
    <message>
        <location filename="../../desktop/report_cli.py" line="35"/>
        <source>周分析报表（ISO 周，如 2026-W48）</source>
        <translation>weekly analysis (ISO week, e.g. 2026-W48)</translation>
    </message>
    <message>
        <location filename="../../desktop/report_cli.py" line="36"/>
        <source>月报告（如 2026-11）</source>
        <translation>monthly report (e.g. 2026-11)</translation>
    </message>
    <message>
        <location filename="../../desktop/report_cli.py" line="63"/>
        <source>{option} 的值不是有效的统计期：{text}</source>
        <translation>{option} is not a valid period: {text}</translation>
    </message>
    <message>
        <location filename="../../desktop/report_cli.py" line="100"/>
        <source>已导出{state}报表 {key} 到 {path}</source>
        <translation>Exported the {state} report {key} to {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/report_cli.py" line="101"/>
        <source>已签发</source>
        <translation>issued</translation>
    </message>
    <message>
        <location filename="../../desktop/report_cli.py" line="103"/>
        <source>未签发</source>
        <translation>not issued</translation>
    </message>
</context>
<context>
    <name>config</name>
    <message>
        <location filename="../../desktop/config.py" line="187"/>
        <source>无法读取配置文件 {path}：{reason}（操作员须属于 {group} 组，请联系信息科）</source>
        <translation>Cannot read the configuration file {path}: {reason} (operators must belong to the {group} group: ask IT)</translation>
    </message>
    <message>
        <location filename="../../desktop/config.py" line="192"/>
        <source>配置文件 {path} 格式有误：{reason}</source>
        <translation>The configuration file {path} is malformed: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/config.py" line="196"/>
        <source>配置文件 {path} 中有未知的设置项 {key}</source>
        <translation>The configuration file {path} has an unknown setting {key}</translation>
    </message>
    <message>
        <location filename="../../desktop/config.py" line="201"/>
        <source>一节（[表]）</source>
        <translation>a section ([table])</translation>
    </message>
    <message>
        <location filename="../../desktop/config.py" line="203"/>
        <source>带引号的文本</source>
        <translation>quoted text</translation>
    </message>
    <message>
        <location filename="../../desktop/config.py" line="205"/>
        <source>配置文件 {path} 中 {key} 应为{kind}</source>
        <translation>In the configuration file {path}, {key} must be {kind}</translation>
    </message>
    <message>
        <location filename="../../desktop/config.py" line="208"/>
        <source>配置文件 {path} 中 {key} 只能是 {choices}</source>
        <translation>In the configuration file {path}, {key} must be one of {choices}</translation>
    </message>
    <message>
        <location filename="../../desktop/config.py" line="215"/>
        <source>配置文件 {path} 含有密码，但所有用户都能读取：请执行 chown root:{group} 与 chmod 640</source>
        <translation>The configuration file {path} holds a password but every user can read it: run chown root:{group} and chmod 640</translation>
    </message>
</context>
<context>
    <name>display_check</name>
    <message>
        <location filename="../../desktop/display_check.py" line="125"/>
        <source>无法打开窗口：没有图形显示（环境变量 DISPLAY 未设置）</source>
        <translation>Cannot open a window: there is no graphical display (DISPLAY is not set)</translation>
    </message>
    <message>
        <location filename="../../desktop/display_check.py" line="129"/>
        <source>无法打开窗口：Qt 的 xcb 平台缺少系统库 {libraries}</source>
        <translation>Cannot open a window: Qt&apos;s xcb platform lacks the system libraries {libraries}</translation>
    </message>
    <message>
        <location filename="../../desktop/display_check.py" line="133"/>
        <source>（Debian/Ubuntu：sudo apt-get install {packages}）</source>
        <translation> (Debian/Ubuntu: sudo apt-get install {packages})</translation>
    </message>
</context>
<context>
    <name>emergency</name>
    <message>
        <location filename="../../widgets/emergency.py" line="36"/>
        <source>IV级（蓝色）</source>
        <translation>IV (blue)</translation>
    </message>
    <message>
        <location filename="../../widgets/emergency.py" line="37"/>
        <source>III级（黄色）</source>
        <translation>III (yellow)</translation>
    </message>
    <message>
        <location filename="../../widgets/emergency.py" line="38"/>
        <source>II级（橙色）</source>
        <translation>II (orange)</translation>
    </message>
    <message>
        <location filename="../../widgets/emergency.py" line="39"/>
        <source>I级（红色）</source>
        <translation>I (red)</translation>
    </message>
</context>
<context>
    <name>handover</name>
    <message>
        <location filename="../../desktop/handover_work.py" line="70"/>
        <source>本班次在本岗位已提交交班</source>
        <translation>This shift&apos;s handover at this post is already submitted</translation>
    </message>
    <message>
        <location filename="../../desktop/handover_work.py" line="71"/>
        <source>内容过长</source>
        <translation>The text is too long</translation>
    </message>
    <message>
        <location filename="../../desktop/handover_work.py" line="72"/>
        <source>待办事项过多（最多 50 项）</source>
        <translation>Too many pending items (at most 50)</translation>
    </message>
    <message>
        <location filename="../../desktop/handover_work.py" line="73"/>
        <source>待办事项不能为空</source>
        <translation>A pending item cannot be empty</translation>
    </message>
    <message>
        <location filename="../../desktop/handover_work.py" line="74"/>
        <source>没有编号为 {code} 的事件</source>
        <translation>There is no event with code {code}</translation>
    </message>
    <message>
        <location filename="../../desktop/handover_work.py" line="75"/>
        <source>没有这条交接班记录</source>
        <translation>No such handover</translation>
    </message>
    <message>
        <location filename="../../desktop/handover_work.py" line="76"/>
        <source>只能在交班的岗位接班</source>
        <translation>You can take over only at the post being handed over</translation>
    </message>
    <message>
        <location filename="../../desktop/handover_work.py" line="77"/>
        <source>交班人不能为自己接班</source>
        <translation>The outgoing operator cannot take over from themselves</translation>
    </message>
    <message>
        <location filename="../../desktop/handover_work.py" line="78"/>
        <source>该交接班已由他人签收</source>
        <translation>Someone else has already signed this handover</translation>
    </message>
    <message>
        <location filename="../../desktop/handover_work.py" line="79"/>
        <source>异议须填写说明</source>
        <translation>A dispute needs a note</translation>
    </message>
    <message>
        <location filename="../../desktop/handover_work.py" line="80"/>
        <source>异议的项目不在交接内容中</source>
        <translation>The disputed item is not in the handover</translation>
    </message>
    <message>
        <location filename="../../desktop/handover_work.py" line="81"/>
        <source>尚未设置班次</source>
        <translation>No shifts are set up yet</translation>
    </message>
    <message>
        <location filename="../../desktop/handover_work.py" line="82"/>
        <source>该值班员不能在此岗位值班</source>
        <translation>This operator may not take this post</translation>
    </message>
    <message>
        <location filename="../../desktop/handover_work.py" line="83"/>
        <source>未知的班制</source>
        <translation>Unknown shift pattern</translation>
    </message>
    <message>
        <location filename="../../desktop/handover_work.py" line="96"/>
        <source>未知的记录类别</source>
        <translation>Unknown entry category</translation>
    </message>
    <message>
        <location filename="../../desktop/handover_work.py" line="97"/>
        <source>请填写记录内容</source>
        <translation>Enter what to record</translation>
    </message>
    <message>
        <location filename="../../desktop/handover_work.py" line="98"/>
        <source>记录内容过长（最多 2000 字）</source>
        <translation>The entry is too long (at most 2000 characters)</translation>
    </message>
    <message>
        <location filename="../../desktop/handover_work.py" line="99"/>
        <source>没有这个编号的事件</source>
        <translation>There is no event with that code</translation>
    </message>
    <message>
        <location filename="../../desktop/handover_work.py" line="100"/>
        <source>要更正的记录不存在</source>
        <translation>The entry to correct does not exist</translation>
    </message>
    <message>
        <location filename="../../desktop/handover_work.py" line="101"/>
        <source>只能更正本岗位的记录</source>
        <translation>You can correct only this post&apos;s entries</translation>
    </message>
</context>
<context>
    <name>handover_export</name>
    <message>
        <location filename="../../widgets/handover_export.py" line="47"/>
        <location filename="../../widgets/handover_export.py" line="83"/>
        <location filename="../../widgets/handover_export.py" line="297"/>
        <location filename="../../widgets/handover_export.py" line="310"/>
        <source>交接班</source>
        <translation>Handover</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="48"/>
        <location filename="../../widgets/handover_export.py" line="84"/>
        <source>岗位</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="49"/>
        <location filename="../../widgets/handover_export.py" line="85"/>
        <source>班次</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="50"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="51"/>
        <location filename="../../widgets/handover_export.py" line="301"/>
        <source>待办事项</source>
        <translation>Pending items</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="52"/>
        <source>关联事件</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="53"/>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="54"/>
        <source>当前状态</source>
        <translation>Current state</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="86"/>
        <source>交班人</source>
        <translation>Outgoing</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="87"/>
        <source>交班时间</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="88"/>
        <location filename="../../widgets/handover_export.py" line="188"/>
        <location filename="../../widgets/handover_export.py" line="313"/>
        <source>接班人</source>
        <translation>Incoming</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="89"/>
        <source>接班时间</source>
        <translation>Taken over</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="90"/>
        <location filename="../../widgets/handover_export.py" line="196"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="91"/>
        <source>受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="92"/>
        <source>派遣</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="93"/>
        <source>结案</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="94"/>
        <source>超时</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="95"/>
        <source>交班说明</source>
        <translation>Handover notes</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="156"/>
        <source>交接班记录 {post} · {shift}</source>
        <translation>Handover: {post} · {shift}</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="170"/>
        <source>合计 {n}</source>
        <translation>{n} in all</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="182"/>
        <location filename="../../widgets/handover_export.py" line="306"/>
        <source>接班异议</source>
        <translation>Handover disputes</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="186"/>
        <location filename="../../widgets/handover_export.py" line="311"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="187"/>
        <location filename="../../widgets/handover_export.py" line="312"/>
        <source>异议</source>
        <translation>Disputes</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="194"/>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="195"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="197"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="198"/>
        <source>时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="206"/>
        <source>与上一班次相比</source>
        <translation>Compared with previous shift</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="210"/>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="211"/>
        <source>上一班次</source>
        <translation>Previous shift</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="212"/>
        <source>本班次</source>
        <translation>This shift</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="226"/>
        <source>没有交接班记录</source>
        <translation>No handovers</translation>
    </message>
    <message>
        <location filename="../../widgets/handover_export.py" line="243"/>
        <source>交接班记录</source>
        <translation>Handovers</translation>
    </message>
</context>
<context>
    <name>hotline</name>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="14"/>
        <source>这是旧版 Excel（.xls）文件：请在 Excel 中另存为 .xlsx 或 CSV 后再导入</source>
        <translation>This is an old Excel (.xls) file: save it as .xlsx or CSV in Excel, then import that</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="17"/>
        <source>不是 XLSX 或 CSV 表格文件</source>
        <translation>not an XLSX or CSV table</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="18"/>
        <source>文件编码无法识别（应为 UTF-8 或 GBK）</source>
        <translation>unrecognised encoding (expected UTF-8 or GBK)</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="19"/>
        <source>为空（合并单元格只在第一格有值）</source>
        <translation>empty (a merged cell has its value only in its first cell)</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="20"/>
        <source>文件中没有工单</source>
        <translation>the file holds no work orders</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="21"/>
        <source>合并单元格：请取消合并并在每一行填写</source>
        <translation>merged cells: unmerge them and fill in every row</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="22"/>
        <source>同一字段的列出现了两次</source>
        <translation>two columns for the same field</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="23"/>
        <source>缺少必需的列（表头可带或不带“12345”前缀）</source>
        <translation>required column missing (headers may carry the “12345” prefix or not)</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="26"/>
        <source>无法识别的列（如为改名的列，请添加表头别名）</source>
        <translation>unrecognised columns (if a column was renamed, add a header alias)</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="29"/>
        <source>行数超过上限 {detail}</source>
        <translation>more rows than the limit of {detail}</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="30"/>
        <source>过长（最多 {detail} 字）</source>
        <translation>too long (at most {detail} characters)</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="31"/>
        <source>含有控制字符</source>
        <translation>contains control characters</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="32"/>
        <source>不是可识别的日期时间“{detail}”</source>
        <translation>not a recognised date and time “{detail}”</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="33"/>
        <source>应为“是”或“否”，而不是“{detail}”</source>
        <translation>should be “是” (yes) or “否” (no), not “{detail}”</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="34"/>
        <source>不是数字“{detail}”</source>
        <translation>not a number “{detail}”</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="35"/>
        <source>格式有误“{detail}”</source>
        <translation>malformed “{detail}”</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="36"/>
        <source>事件分类中没有“其他”，无法归类未知业务分类</source>
        <translation>the event categories have no “Other”: unknown business classes cannot be filed</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="47"/>
        <source>第 {row} 行</source>
        <translation>row {row}</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="49"/>
        <source>文件</source>
        <translation>file</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="52"/>
        <source>“{column}”列</source>
        <translation>, column “{column}”</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="53"/>
        <source>{where}：{reason}</source>
        <translation>{where}: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="60"/>
        <source>文件未导入（{n} 处问题），数据库未作任何更改</source>
        <translation>File not imported ({n} problems); the database was not changed</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="67"/>
        <source>12345 工单导入：新增 {new}，更新 {updated}，待人工定位 {review}，拒收 0</source>
        <translation>12345 import: {new} new, {updated} updated, {review} to review, 0 refused</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="71"/>
        <location filename="../../desktop/hotline_messages.py" line="87"/>
        <source>；{n} 张与已导入的相同</source>
        <translation>; {n} the same as already imported</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="75"/>
        <location filename="../../desktop/hotline_messages.py" line="91"/>
        <source>；文件中 {n} 张工单重复出现，以后出现的一行为准</source>
        <translation>; {n} orders repeated in the file, the later row taken</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="83"/>
        <source>将新增 {new} 张（其中 {review} 张地址待人工定位），更新 {updated} 张</source>
        <translation>Will create {new} ({review} of them with an address to review) and update {updated}</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="100"/>
        <source>原因</source>
        <translation>reason</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="101"/>
        <source>答复要点</source>
        <translation>reply points</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="104"/>
        <source>找不到这张12345工单</source>
        <translation>This 12345 order was not found</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="105"/>
        <source>工单已退单，不能再办理</source>
        <translation>The order was sent back; no further steps</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="106"/>
        <source>工单已签收</source>
        <translation>The order is already signed for</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="107"/>
        <source>工单已办结答复，不能退单</source>
        <translation>The order has been replied to; it cannot be sent back</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="108"/>
        <source>已超过退单时限，不能退单：请办理或申请延期</source>
        <translation>The send-back limit has passed: handle the order or request an extension</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="111"/>
        <source>请填写{field}</source>
        <translation>Enter the {field}</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="112"/>
        <source>{field}过长</source>
        <translation>The {field} is too long</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="113"/>
        <source>请选择办理结果</source>
        <translation>Choose the result</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="114"/>
        <source>工单已办结答复</source>
        <translation>The order has already been replied to</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="115"/>
        <source>请选择回访结果</source>
        <translation>Choose the return call&apos;s verdict</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="116"/>
        <source>工单尚未办结答复，不能记录回访</source>
        <translation>The order has not been replied to yet: no return call to record</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="117"/>
        <source>缺少“其他类型”一行（未列出的工单类型按它计时）</source>
        <translation>The “Any other type” row is missing (order types not listed are timed by it)</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="120"/>
        <source>工单类型“{field}”无效（1–16 个字）</source>
        <translation>Order type “{field}” is not valid (1–16 characters)</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="123"/>
        <source>未知的时限“{field}”</source>
        <translation>Unknown time limit “{field}”</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="124"/>
        <source>“{field}”的时限应为 0 到 60 个工作日之间</source>
        <translation>The limit of “{field}” must be between 0 and 60 working days</translation>
    </message>
    <message>
        <location filename="../../desktop/hotline_messages.py" line="129"/>
        <source>12345 工单步骤被拒绝：{field}</source>
        <translation>12345 order step refused: {field}</translation>
    </message>
</context>
<context>
    <name>iot</name>
    <message>
        <location filename="../../desktop/iot_cli.py" line="34"/>
        <source>另一个物联网桥正在运行（{holder}），本桥等待接替</source>
        <translation>Another IoT bridge is running ({holder}); this one waits to take over</translation>
    </message>
    <message>
        <location filename="../../desktop/iot_cli.py" line="37"/>
        <source>本桥已取得写入权（{holder}），连接代理</source>
        <translation>This bridge holds the lease ({holder}); connecting to the broker</translation>
    </message>
    <message>
        <location filename="../../desktop/iot_cli.py" line="38"/>
        <source>写入权已被另一个物联网桥取得，本桥断开代理并等待</source>
        <translation>Another IoT bridge took the lease; this one disconnects from the broker and waits</translation>
    </message>
    <message>
        <location filename="../../desktop/iot_cli.py" line="41"/>
        <source>已连接 MQTT 代理 {broker}，订阅设备报警与心跳</source>
        <translation>Connected to the MQTT broker {broker}; subscribed to device alarms and heartbeats</translation>
    </message>
    <message>
        <location filename="../../desktop/iot_cli.py" line="44"/>
        <source>无法连接 MQTT 代理 {broker}（{reason}），稍后重试（间隔逐次加长，最长 30 秒）</source>
        <translation>Cannot connect to the MQTT broker {broker} ({reason}); retrying (longer each time, at most 30 s apart)</translation>
    </message>
    <message>
        <location filename="../../desktop/iot_cli.py" line="47"/>
        <source>与 MQTT 代理 {broker} 的连接断开（{reason}），正在重连</source>
        <translation>Connection to the MQTT broker {broker} lost ({reason}); reconnecting</translation>
    </message>
    <message>
        <location filename="../../desktop/iot_cli.py" line="50"/>
        <source>数据库暂时不可用（{detail}），1 秒后重试，消息保留</source>
        <translation>The database is unavailable ({detail}); retrying in 1 s, messages kept</translation>
    </message>
    <message>
        <location filename="../../desktop/iot_cli.py" line="53"/>
        <source>设备离线：{codes}</source>
        <translation>Devices offline: {codes}</translation>
    </message>
    <message>
        <location filename="../../desktop/iot_cli.py" line="54"/>
        <source>设备报警已生成事件 {event_id}（{topic}），建议派给 {force} {assignee}</source>
        <translation>A device alarm made event {event_id} ({topic}); proposed for {force} {assignee}</translation>
    </message>
    <message>
        <location filename="../../desktop/iot_cli.py" line="57"/>
        <source>物联网桥已停止</source>
        <translation>IoT bridge stopped</translation>
    </message>
    <message>
        <location filename="../../desktop/iot_cli.py" line="72"/>
        <source>代理地址应为 主机:端口，例如 127.0.0.1:1883</source>
        <translation>The broker&apos;s address is HOST:PORT, e.g. 127.0.0.1:1883</translation>
    </message>
    <message>
        <location filename="../../desktop/iot_cli.py" line="82"/>
        <source>无法读取密码文件 {path}：{reason}</source>
        <translation>Cannot read the password file {path}: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/iot_cli.py" line="92"/>
        <source>找不到文件 {path}</source>
        <translation>File not found: {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/iot_cli.py" line="154"/>
        <source>物联网桥启动：代理 {broker}，用户 {user}，TLS {tls}，数据库 {db}</source>
        <translation>IoT bridge starting: broker {broker}, user {user}, TLS {tls}, database {db}</translation>
    </message>
    <message>
        <location filename="../../desktop/iot_cli.py" line="159"/>
        <source>是</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../desktop/iot_cli.py" line="161"/>
        <source>否</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../desktop/iot_cli.py" line="184"/>
        <source>数据库中没有物联网设备，请先运行 python main.py demo seed</source>
        <translation>The database has no IoT devices; run python main.py demo seed first</translation>
    </message>
    <message>
        <location filename="../../desktop/iot_cli.py" line="197"/>
        <source>设备模拟开始：{count} 台设备，代理 {broker}；将失联：{silent}</source>
        <translation>Device simulation started: {count} devices, broker {broker}; falling silent: {silent}</translation>
    </message>
    <message>
        <location filename="../../desktop/iot_cli.py" line="210"/>
        <source>无法连接 MQTT 代理 {broker}</source>
        <translation>Cannot connect to the MQTT broker {broker}</translation>
    </message>
    <message>
        <location filename="../../desktop/iot_cli.py" line="221"/>
        <source>设备模拟结束：发送 {sent} 条消息</source>
        <translation>Device simulation over: {sent} messages sent</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../widgets/labels.py" line="21"/>
        <source>已上报</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="22"/>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="23"/>
        <source>已派遣</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="24"/>
        <source>已响应</source>
        <translation>Responded</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="25"/>
        <source>已办结</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="26"/>
        <source>已结案</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="27"/>
        <location filename="../../widgets/labels.py" line="256"/>
        <source>已退回</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="34"/>
        <source>一般</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="35"/>
        <source>紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="36"/>
        <source>特急</source>
        <translation>Critical</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="43"/>
        <source>网格员巡查</source>
        <translation>Grid patrol</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="44"/>
        <source>12345热线</source>
        <translation>12345 hotline</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="45"/>
        <source>物联感知</source>
        <translation>IoT device</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="46"/>
        <location filename="../../widgets/labels.py" line="162"/>
        <location filename="../../widgets/labels.py" line="279"/>
        <source>视频巡查</source>
        <translation>Video patrol</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="47"/>
        <source>群众上报</source>
        <translation>Resident</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="48"/>
        <source>信访</source>
        <translation>Petition</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="49"/>
        <source>公安预警</source>
        <translation>Police warning</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="57"/>
        <location filename="../../widgets/labels.py" line="68"/>
        <source>即将超时</source>
        <translation>Soon due</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="58"/>
        <location filename="../../widgets/labels.py" line="69"/>
        <source>超时</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="59"/>
        <location filename="../../widgets/labels.py" line="70"/>
        <source>升级</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="67"/>
        <source>未结</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="71"/>
        <location filename="../../widgets/labels.py" line="276"/>
        <source>已上报领导</source>
        <translation>Reported to leader</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="77"/>
        <source>超时 {overdue}（其中升级 {escalated}）</source>
        <translation>overdue {overdue} (escalated {escalated})</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="86"/>
        <source>白班</source>
        <translation>Day shift</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="87"/>
        <source>夜班</source>
        <translation>Night shift</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="88"/>
        <source>24小时值班</source>
        <translation>24-hour duty</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="94"/>
        <source>待同步-{number}</source>
        <translation>Unsynced-{number}</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="99"/>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="104"/>
        <source>{title}：{text}</source>
        <translation>{title}: {text}</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="109"/>
        <source>{title}（{count}）</source>
        <translation>{title} ({count})</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="116"/>
        <source>{text}（{detail}）</source>
        <translation>{text} ({detail})</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="125"/>
        <source>{title}（{count}，其中升级 {escalated}）</source>
        <translation>{title} ({count}, escalated {escalated})</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="136"/>
        <source>即将超时 {soon_due} · {overdue} · 已上报领导 {to_leader}</source>
        <translation>Soon due {soon_due} · {overdue} · reported to leader {to_leader}</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="148"/>
        <source>受理时限</source>
        <translation>Accept by</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="149"/>
        <source>响应时限</source>
        <translation>Respond by</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="150"/>
        <source>办结时限</source>
        <translation>Close by</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="151"/>
        <source>12345联系时限</source>
        <translation>12345 contact by</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="152"/>
        <source>12345答复时限</source>
        <translation>12345 reply by</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="159"/>
        <source>值班长</source>
        <translation>Duty chief</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="160"/>
        <source>受理</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="161"/>
        <source>调度</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="169"/>
        <source>元旦</source>
        <translation>New Year&apos;s Day</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="170"/>
        <source>春节</source>
        <translation>Spring Festival</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="171"/>
        <source>清明节</source>
        <translation>Qingming Festival</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="172"/>
        <source>劳动节</source>
        <translation>Labour Day</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="173"/>
        <source>端午节</source>
        <translation>Dragon Boat Festival</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="174"/>
        <source>国庆节</source>
        <translation>National Day</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="175"/>
        <source>中秋节</source>
        <translation>Mid-Autumn Festival</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="176"/>
        <source>抗战胜利70周年纪念日</source>
        <translation>70th anniversary of the victory of the War of Resistance</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="185"/>
        <source>咨询</source>
        <translation>Enquiry</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="186"/>
        <source>求助</source>
        <translation>Request for help</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="187"/>
        <source>投诉举报</source>
        <translation>Complaint / report</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="188"/>
        <source>建议</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="189"/>
        <source>解决</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="190"/>
        <source>部分解决</source>
        <translation>Partly resolved</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="191"/>
        <source>未解决</source>
        <translation>Not resolved</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="192"/>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="193"/>
        <source>基本满意</source>
        <translation>Basically satisfied</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="194"/>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="201"/>
        <source>常态</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="202"/>
        <source>应急</source>
        <translation>Emergency</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="209"/>
        <source>网格员</source>
        <translation>Grid worker</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="210"/>
        <source>执法片区</source>
        <translation>Enforcement zone</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="211"/>
        <source>职能部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="212"/>
        <source>挂包领导</source>
        <translation>Leader in charge</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="219"/>
        <source>街面</source>
        <translation>Street</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="220"/>
        <source>工地</source>
        <translation>Site</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="221"/>
        <source>出入口</source>
        <translation>Entrance</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="231"/>
        <source>{code}（所在网格）</source>
        <translation>{code} (contains the point)</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="234"/>
        <source>{code}（{distance} 米）</source>
        <translation>{code} ({distance} m)</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="242"/>
        <source>来电</source>
        <translation>Call</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="243"/>
        <source>上级交办</source>
        <translation>Instruction from above</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="244"/>
        <source>报送</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="245"/>
        <source>重要事项</source>
        <translation>Notable matter</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="246"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="253"/>
        <source>按时办结</source>
        <translation>Resolved in time</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="254"/>
        <source>曾超时</source>
        <translation>Went overdue</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="255"/>
        <source>仍在办理</source>
        <translation>Still open</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="257"/>
        <source>未关联事件</source>
        <translation>No linked event</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="264"/>
        <source>待接班</source>
        <translation>Awaiting takeover</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="265"/>
        <source>已接班</source>
        <translation>Taken over</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="266"/>
        <source>有异议</source>
        <translation>Disputed</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="273"/>
        <source>未结事件</source>
        <translation>Open events</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="274"/>
        <source>下一班次内到期</source>
        <translation>Due next shift</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="275"/>
        <source>超时事件</source>
        <translation>Overdue events</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="277"/>
        <source>本岗未确认预警</source>
        <translation>Unacknowledged alarms at this post</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="278"/>
        <source>平急转换</source>
        <translation>Mode switches</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="280"/>
        <source>值班日志要点</source>
        <translation>Duty log highlights</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="281"/>
        <source>上报信息</source>
        <translation>Upward reports</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="282"/>
        <source>待办事项</source>
        <translation>Pending items</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="283"/>
        <source>交班说明</source>
        <translation>Handover notes</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../desktop/messages.py" line="26"/>
        <source>无法解析数据库地址 {target}</source>
        <translation>Cannot parse the database URL {target}</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="27"/>
        <source>只支持 SQLite 和 PostgreSQL 数据库，不支持 {target}</source>
        <translation>Only SQLite and PostgreSQL are supported, not {target}</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="30"/>
        <source>{target} 不是数据库文件，请检查 --db 参数</source>
        <translation>{target} is not a database file: check --db</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="33"/>
        <source>无法打开数据库文件 {target}，请检查路径与权限</source>
        <translation>Cannot open the database file {target}: check the path and permissions</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="36"/>
        <source>无法连接数据库 {target}：{detail}。请检查地址与服务器是否运行</source>
        <translation>Cannot reach the database {target}: {detail}. Check the address and that the server runs</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="39"/>
        <source>数据库文件 {target} 不存在，请检查 --db 参数</source>
        <translation>There is no database file {target}: check --db</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="42"/>
        <source>数据库文件所在的文件夹 {target} 不存在，请检查 --db 参数（未作任何更改）</source>
        <translation>The folder {target} of the database file does not exist: check --db (nothing was changed)</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="45"/>
        <source>数据库 {target} 拒绝了此操作：{detail}</source>
        <translation>The database {target} refused the operation: {detail}</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="46"/>
        <source>数据库 {target} 的结构较旧，请先运行 python main.py db upgrade</source>
        <translation>The database {target} has an older schema: run python main.py db upgrade first</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="49"/>
        <source>数据库 {target} 已被更新版本的 GridDesk 升级，请更新本程序</source>
        <translation>The database {target} was upgraded by a newer GridDesk: update this installation</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="52"/>
        <source>数据库 {target} 是空的，请先运行 python main.py db upgrade</source>
        <translation>The database {target} is empty: run python main.py db upgrade</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="55"/>
        <source>{target} 中的表不属于 GridDesk，未作任何更改</source>
        <translation>{target} holds tables that are not GridDesk&apos;s; nothing was changed</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="66"/>
        <source>登录失败次数过多，账号已锁定至 {time}</source>
        <translation>Too many failed log-ins: the account is locked until {time}</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="70"/>
        <source>该账号不能在此岗位值班</source>
        <translation>This account may not take this post</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="72"/>
        <source>该账号已停用</source>
        <translation>This account is disabled</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="73"/>
        <source>账号或密码错误</source>
        <translation>Wrong account or password</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="79"/>
        <source>密码错误</source>
        <translation>Wrong password</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="85"/>
        <source>数据库暂时无法连接，操作未保存，请稍后重试</source>
        <translation>The database cannot be reached: nothing was saved. Try again shortly</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="90"/>
        <source>数据库连接中断：“{what}”已记入本机日志，恢复连接后自动提交</source>
        <translation>Database connection lost: “{what}” is kept on this computer and will be written when the connection is back</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="99"/>
        <source>您的账号已停用或不存在，操作未保存，请联系管理员</source>
        <translation>Your account is deactivated or gone; nothing was saved. Contact the administrator</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="102"/>
        <source>您的账号角色已变更，操作未保存，请重新登录</source>
        <translation>Your account&apos;s role has changed; nothing was saved. Log in again</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="105"/>
        <source>您的账号已不能在此岗位值班，操作未保存，请重新登录</source>
        <translation>Your account may no longer take this post; nothing was saved. Log in again</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="110"/>
        <source>您的角色无权执行此操作（{action}）</source>
        <translation>Your role may not do this ({action})</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="119"/>
        <source>账号</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="120"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="121"/>
        <source>事件描述</source>
        <translation>Event description</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="122"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="123"/>
        <source>反映人</source>
        <translation>Reported by</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="124"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="125"/>
        <source>处理意见</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="126"/>
        <source>摄像机名称</source>
        <translation>Camera name</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="127"/>
        <source>视频流地址</source>
        <translation>Stream URL</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="128"/>
        <source>平台网页</source>
        <translation>Platform page</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="129"/>
        <source>视频流用户名</source>
        <translation>Stream user</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="130"/>
        <source>视频流密码</source>
        <translation>Stream password</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="131"/>
        <source>播放器命令</source>
        <translation>Player command</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="132"/>
        <source>平台地址</source>
        <translation>Platform address</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="133"/>
        <source>平台账号</source>
        <translation>Platform user</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="134"/>
        <source>平台密码</source>
        <translation>Platform password</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="135"/>
        <source>客户端程序路径</source>
        <translation>Client program path</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="136"/>
        <source>值班日志内容</source>
        <translation>Duty log text</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="137"/>
        <source>交接说明</source>
        <translation>Handover notes</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="138"/>
        <location filename="../../desktop/messages.py" line="139"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="140"/>
        <source>规则说明</source>
        <translation>Rule note</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="141"/>
        <source>附件文件名</source>
        <translation>Attachment file name</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="149"/>
        <source>“{field}”过长：最多 {limit} 个字符，未作任何更改</source>
        <translation>“{field}” is too long: at most {limit} characters; nothing was changed</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="152"/>
        <source>“{field}”含有不能保存的字符（控制字符或无效编码），未作任何更改</source>
        <translation>“{field}” holds characters that cannot be stored (control characters or invalid encoding); nothing was changed</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="155"/>
        <source>“{field}”的数值超出范围，未作任何更改</source>
        <translation>“{field}” is out of range; nothing was changed</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="160"/>
        <source>“{field}”有误，未作任何更改</source>
        <translation>“{field}” is not valid; nothing was changed</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="168"/>
        <location filename="../../desktop/messages.py" line="170"/>
        <source>密码至少 8 位，须同时包含字母和数字</source>
        <translation>The password needs at least 8 characters, with letters and digits</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="169"/>
        <source>密码不能超过 128 个字符</source>
        <translation>The password may have at most 128 characters</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="173"/>
        <source>密码不能主要由同一个字符组成（任一字符不超过一半）</source>
        <translation>The password may not be mostly one character (none may make up more than half)</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="176"/>
        <source>密码首尾不能有空格</source>
        <translation>The password may not begin or end with a space</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="177"/>
        <source>密码中不能有控制字符</source>
        <translation>The password may not hold control characters</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="178"/>
        <source>密码中不能包含账号名</source>
        <translation>The password may not contain the user name</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="186"/>
        <source>请填写账号</source>
        <translation>Enter a user name</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="187"/>
        <source>账号最多 32 个字符</source>
        <translation>A user name has at most 32 characters</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="188"/>
        <source>账号只能由小写字母、数字和 _ . - 组成（1–32 个字符）</source>
        <translation>A user name is made of lower-case letters, digits and _ . - (1–32 characters)</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="191"/>
        <source>请填写姓名</source>
        <translation>Enter a name</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="192"/>
        <source>姓名最多 32 个字符</source>
        <translation>A name has at most 32 characters</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="193"/>
        <source>姓名不能含控制字符，首尾不能有空格</source>
        <translation>A name may not hold control characters nor begin or end with a space</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="196"/>
        <source>没有这个角色</source>
        <translation>There is no such role</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="197"/>
        <source>没有这个岗位</source>
        <translation>There is no such post</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="198"/>
        <source>请至少选择一个岗位</source>
        <translation>Choose at least one post</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="209"/>
        <source>角色名只能由小写字母、数字和下划线组成，且不以数字开头（最多 63 个字符）</source>
        <translation>A role name is made of lower-case letters, digits and underscores, not starting with a digit (at most 63 characters)</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="212"/>
        <source>不能使用角色名 {role}：它是保留名或当前连接的账号</source>
        <translation>The role name {role} cannot be used: it is reserved or the connection&apos;s own</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="215"/>
        <source>角色 {role} 是超级用户：各岗位不能以超级用户连接，请另选角色名</source>
        <translation>The role {role} is a superuser: the posts must not connect as a superuser; choose another name</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="218"/>
        <source>角色 {role} 拥有本数据库的表：各岗位不能以所有者连接，请另选角色名</source>
        <translation>The role {role} owns this database&apos;s tables: the posts must not connect as the owner; choose another name</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="221"/>
        <source>db grant 只用于 PostgreSQL 数据库（--db postgresql+psycopg://…）</source>
        <translation>db grant is for PostgreSQL databases only (--db postgresql+psycopg://…)</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="231"/>
        <source>事件当前状态（{state}）不能执行此操作</source>
        <translation>Not possible while the event is {state}</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="232"/>
        <source>事件已上报领导</source>
        <translation>The event is already escalated</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="233"/>
        <source>不能合并到事件本身</source>
        <translation>An event cannot be merged into itself</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="234"/>
        <source>只能合并到未结的事件</source>
        <translation>Only an open event can take a merge</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="235"/>
        <source>事件尚无网格（地址未能定位）：请先确认网格再派遣</source>
        <translation>The event has no grid yet (its address could not be placed): confirm a grid before dispatching</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="240"/>
        <source>此操作被拒绝：{reason}</source>
        <translation>Refused: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="251"/>
        <source>系统</source>
        <translation>the system</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="253"/>
        <source>{name}（{post}）</source>
        <translation>{name} ({post})</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="258"/>
        <source>现场</source>
        <translation>the field</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="277"/>
        <source>请填写{field}</source>
        <translation>{field} is required</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="278"/>
        <location filename="../../desktop/messages.py" line="306"/>
        <source>{field}过长</source>
        <translation>{field} is too long</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="279"/>
        <source>{field}格式不正确</source>
        <translation>{field} is not in a valid form</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="280"/>
        <location filename="../../desktop/messages.py" line="302"/>
        <location filename="../../desktop/messages.py" line="345"/>
        <source>{field}不存在</source>
        <translation>{field} does not exist</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="281"/>
        <source>{field}须为数字</source>
        <translation>{field} must be a number</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="282"/>
        <source>{field}不在本辖区内</source>
        <translation>{field} is outside this area</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="283"/>
        <source>{field}数量过多</source>
        <translation>Too many {field}</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="284"/>
        <source>{field}过大：{detail}</source>
        <translation>{field} too large: {detail}</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="285"/>
        <source>{field}为空：{detail}</source>
        <translation>{field} is empty: {detail}</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="286"/>
        <source>{field}的内容与文件名不符：{detail}</source>
        <translation>{field}: the content does not match the file name: {detail}</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="289"/>
        <source>{field}只能选择一项</source>
        <translation>Choose only one {field}</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="202"/>
        <location filename="../../desktop/messages.py" line="294"/>
        <location filename="../../desktop/messages.py" line="308"/>
        <source>{field}有误</source>
        <translation>{field} is wrong</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="264"/>
        <source>事件已被 {who} 于 {time} 更改（{step}），现为“{state}”。请核对后再操作。</source>
        <translation>The event was changed by {who} at {time} ({step}); it is now “{state}”. Check it before acting again.</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="290"/>
        <source>{field}的图片像素过多或无法识别尺寸：{detail}（不超过 4800 万像素）</source>
        <translation>{field}: the picture has too many pixels or no readable size: {detail} (at most 48 megapixels)</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="301"/>
        <source>请选择{field}</source>
        <translation>Choose {field}</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="303"/>
        <source>只有处置力量为职能部门的规则才能指定{field}</source>
        <translation>Only a rule for a department can name {field}</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="315"/>
        <source>已处于应急模式</source>
        <translation>The centre is in emergency mode already</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="316"/>
        <source>请填写原因</source>
        <translation>Give the reason</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="317"/>
        <source>原因过长</source>
        <translation>The reason is too long</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="318"/>
        <source>预案不存在或已停用</source>
        <translation>No such plan, or it is no longer in use</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="319"/>
        <source>响应级别有误</source>
        <translation>Unknown response level</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="320"/>
        <source>当前不在应急模式</source>
        <translation>The centre is not in emergency mode</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="321"/>
        <source>该事项不属于当前预案</source>
        <translation>That item is not on the plan in force</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="322"/>
        <source>该预案正在执行中，恢复常态后才能修改</source>
        <translation>The plan is in force: change it after the return to normal</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="325"/>
        <source>请填写预案名称</source>
        <translation>Give the plan a name</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="326"/>
        <source>预案至少需要一项处置事项</source>
        <translation>A plan needs at least one item</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="327"/>
        <source>处置事项不能为空，且不超过 256 字</source>
        <translation>An item must have a text of at most 256 characters</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="328"/>
        <source>时限须为 1 至 1440 分钟</source>
        <translation>The due time must be 1 to 1440 minutes</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="336"/>
        <source>已有同一模式、时限、类别与优先级的标准，请修改那一条</source>
        <translation>A limit for this mode, clock, category and priority exists already: change that one</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="339"/>
        <source>每种模式的每个时限都须保留一条通用标准（类别、优先级为任意）</source>
        <translation>Every mode and clock keeps one general limit (any category, any priority)</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="342"/>
        <source>时长须大于 0，且不超过 60 个工作日或 1440 小时</source>
        <translation>The limit must be above 0 and at most 60 working days or 1440 hours</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="353"/>
        <source>瓦片地址不能含空格或控制字符</source>
        <translation>The tile URL must not contain spaces or control characters</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="354"/>
        <source>瓦片地址须以 http:// 或 https:// 开头，并写明服务器</source>
        <translation>The tile URL must start with http:// or https:// and name the server</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="357"/>
        <source>瓦片地址缺少占位符 {detail}（须含 {{z}}、{{x}}、{{y}}）</source>
        <translation>The tile URL lacks the placeholders {detail} (it needs {{z}}, {{x}} and {{y}})</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="360"/>
        <source>瓦片服务器 {detail} 有误：只写主机名或 IP 地址，可带端口</source>
        <translation>Tile server {detail} is wrong: give a host name or IP address, with a port if needed</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="363"/>
        <source>找不到 MBTiles 文件 {detail}</source>
        <translation>MBTiles file {detail} not found</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="364"/>
        <source>{detail} 不是可读的 MBTiles 文件</source>
        <translation>{detail} is not a readable MBTiles file</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="365"/>
        <source>MBTiles 的瓦片格式为 {detail}，只能显示 png、jpg 或 webp 栅格瓦片</source>
        <translation>The MBTiles tiles are {detail}; only png, jpg or webp raster tiles can be shown</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="368"/>
        <source>未知的坐标系 {detail}</source>
        <translation>Unknown datum {detail}</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="369"/>
        <source>未知的底图类型 {detail}</source>
        <translation>Unknown kind of base tiles {detail}</translation>
    </message>
</context>
<context>
    <name>reports</name>
    <message>
        <location filename="../../desktop/report_work.py" line="49"/>
        <source>不是有效的统计期</source>
        <translation>Not a valid period</translation>
    </message>
    <message>
        <location filename="../../desktop/report_work.py" line="50"/>
        <source>本期报表已由他人签发，请重新生成查看</source>
        <translation>This period&apos;s report was issued by someone else: make it again to see it</translation>
    </message>
    <message>
        <location filename="../../desktop/report_work.py" line="53"/>
        <source>期号已被另一份报表占用，请再签发一次</source>
        <translation>The number was just taken by another report: issue once more</translation>
    </message>
    <message>
        <location filename="../../desktop/report_work.py" line="56"/>
        <source>研判过长（最多 4000 字）或含有不允许的字符</source>
        <translation>The assessment is too long (at most 4000 characters) or holds characters not allowed</translation>
    </message>
    <message>
        <location filename="../../desktop/report_work.py" line="59"/>
        <source>没有这份报表</source>
        <translation>There is no such report</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="41"/>
        <source>日监测</source>
        <translation>Daily monitoring</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="42"/>
        <source>周分析</source>
        <translation>Weekly analysis</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="43"/>
        <source>月报告</source>
        <translation>Monthly report</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="51"/>
        <source>{y}年{m}月{d}日</source>
        <translation>{y}-{m:02d}-{d:02d}</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="56"/>
        <source>{y}年第{w}周（{first} 至 {last}）</source>
        <translation>{y} week {w} ({first} to {last})</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="59"/>
        <source>{y}年{m}月</source>
        <translation>{y}-{m:02d}</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="64"/>
        <source>{year}年第{n}期</source>
        <translation>{year} No. {n}</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="96"/>
        <source>受理量（上报）</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="97"/>
        <source>受理（签收）</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="98"/>
        <source>派遣</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="99"/>
        <source>响应</source>
        <translation>Responded</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="100"/>
        <source>办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="101"/>
        <source>按期办结</source>
        <translation>Closed within the limit</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="102"/>
        <source>按期办结率</source>
        <translation>Closed within the limit (rate)</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="103"/>
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="104"/>
        <source>超期率</source>
        <translation>Overdue rate</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="106"/>
        <source>平均响应时长（小时）</source>
        <translation>Average time to respond (hours)</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="111"/>
        <source>平均办结时长（小时）</source>
        <translation>Average time to close (hours)</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="115"/>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="116"/>
        <source>回访满意</source>
        <translation>Return calls: satisfied</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="117"/>
        <source>回访基本满意</source>
        <translation>Return calls: basically satisfied</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="118"/>
        <source>回访不满意</source>
        <translation>Return calls: dissatisfied</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="119"/>
        <source>升级</source>
        <translation>Escalations</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="120"/>
        <source>延期申请</source>
        <translation>Extensions asked</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="121"/>
        <source>延期批准</source>
        <translation>Extensions approved</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="122"/>
        <source>暂停计时</source>
        <translation>Clock pauses</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="142"/>
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="143"/>
        <location filename="../../widgets/report_export.py" line="400"/>
        <location filename="../../widgets/report_export.py" line="605"/>
        <source>本期</source>
        <translation>This period</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="144"/>
        <location filename="../../widgets/report_export.py" line="407"/>
        <location filename="../../widgets/report_export.py" line="606"/>
        <source>上期</source>
        <translation>Previous period</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="145"/>
        <location filename="../../widgets/report_export.py" line="453"/>
        <source>环比</source>
        <translation>vs previous</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="146"/>
        <source>去年同期</source>
        <translation>A year before</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="147"/>
        <location filename="../../widgets/report_export.py" line="454"/>
        <source>同比</source>
        <translation>vs a year before</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="165"/>
        <source>{v:+.1f}个百分点</source>
        <translation>{v:+.1f} points</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="206"/>
        <source>未定网格</source>
        <translation>No grid</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="213"/>
        <source>按来源</source>
        <translation>By source</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="218"/>
        <source>按类别</source>
        <translation>By category</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="223"/>
        <source>高发类别前五</source>
        <translation>Top 5 categories</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="228"/>
        <source>按社区</source>
        <translation>By community</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="233"/>
        <source>高发网格前五</source>
        <translation>Top 5 grids</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="242"/>
        <source>事件数</source>
        <translation>Events</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="243"/>
        <source>占比</source>
        <translation>Share</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="251"/>
        <source>超时报警</source>
        <translation>Deadline alarms</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="253"/>
        <source>到期未办结</source>
        <translation>Due and not closed</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="254"/>
        <source>报警确认次数</source>
        <translation>Alarms acknowledged</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="259"/>
        <source>应急状态</source>
        <translation>Emergency periods</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="260"/>
        <source>应急启动次数</source>
        <translation>Emergency activations</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="262"/>
        <source>预案</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="263"/>
        <source>响应级别</source>
        <translation>Response level</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="264"/>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="265"/>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="266"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="267"/>
        <source>清单完成</source>
        <translation>Checklist done</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="271"/>
        <source>交接班与异议</source>
        <translation>Handovers and disputes</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="273"/>
        <source>交班</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="274"/>
        <source>已接班签字</source>
        <translation>Signed by the incoming</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="275"/>
        <source>接班异议</source>
        <translation>Disputes</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="278"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="279"/>
        <source>岗位</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="280"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="281"/>
        <source>异议</source>
        <translation>Dispute</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="282"/>
        <source>接班人</source>
        <translation>Incoming</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="286"/>
        <source>12345 工单</source>
        <translation>12345 orders</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="288"/>
        <source>受理工单</source>
        <translation>Orders accepted</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="289"/>
        <source>已回复</source>
        <translation>Replied</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="290"/>
        <source>催办次数</source>
        <translation>Urges</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="291"/>
        <source>退单</source>
        <translation>Sent back</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="292"/>
        <source>督办</source>
        <translation>Supervised</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="293"/>
        <source>重复来电</source>
        <translation>Repeat calls</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="296"/>
        <source>回访结果</source>
        <translation>Return call</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="297"/>
        <source>工单数</source>
        <translation>Orders</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="301"/>
        <source>物联感知报警</source>
        <translation>IoT alarms</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="303"/>
        <source>设备报警</source>
        <translation>Device alarms</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="304"/>
        <source>设备离线次数</source>
        <translation>Devices gone offline</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="305"/>
        <source>设备总数</source>
        <translation>Devices</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="306"/>
        <source>当前在线</source>
        <translation>Online now</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="309"/>
        <source>报警类型</source>
        <translation>Alarm type</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="310"/>
        <source>报警数</source>
        <translation>Alarms</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="311"/>
        <source>上报次数</source>
        <translation>Messages</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="409"/>
        <source>上报事件</source>
        <translation>Events reported</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="436"/>
        <source>（未签发）</source>
        <translation>(not issued)</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="452"/>
        <location filename="../../widgets/report_export.py" line="575"/>
        <source>统计期</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="456"/>
        <source>数据截至</source>
        <translation>Data as of</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="463"/>
        <source>签发</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="468"/>
        <location filename="../../widgets/report_export.py" line="576"/>
        <source>研判</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="469"/>
        <source>（未填写）</source>
        <translation>(none written)</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="473"/>
        <location filename="../../widgets/report_export.py" line="598"/>
        <source>上报趋势</source>
        <translation>Events reported over the period</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="475"/>
        <location filename="../../widgets/report_export.py" line="573"/>
        <source>总体情况</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="578"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="580"/>
        <source>件</source>
        <translation>events</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="582"/>
        <source>小时</source>
        <translation>hours</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="602"/>
        <source>时</source>
        <translation>Hour</translation>
    </message>
    <message>
        <location filename="../../widgets/report_export.py" line="604"/>
        <source>日</source>
        <translation>Day</translation>
    </message>
</context>
<context>
    <name>site_export</name>
    <message>
        <location filename="../../widgets/site_export.py" line="30"/>
        <location filename="../../widgets/site_export.py" line="120"/>
        <source>在建工地动态评分档案</source>
        <translation>Construction site scoring sheet</translation>
    </message>
    <message>
        <location filename="../../widgets/site_export.py" line="36"/>
        <source>施工单位：{contractor}&#x3000;当前：{grade}&#x3000;未整改隐患：{open} 处&#x3000;统计期：{days} 天</source>
        <translation>Contractor: {contractor}   Now: {grade}   Open findings: {open}   Window: {days} days</translation>
    </message>
    <message>
        <location filename="../../widgets/site_export.py" line="48"/>
        <source>导出时间：{at}</source>
        <translation>Exported: {at}</translation>
    </message>
    <message>
        <location filename="../../widgets/site_export.py" line="51"/>
        <source>隐患与整改</source>
        <translation>Findings and rectifications</translation>
    </message>
    <message>
        <location filename="../../widgets/site_export.py" line="54"/>
        <source>发现时间</source>
        <translation>Found</translation>
    </message>
    <message>
        <location filename="../../widgets/site_export.py" line="55"/>
        <location filename="../../widgets/site_export.py" line="84"/>
        <source>评分项</source>
        <translation>Rubric item</translation>
    </message>
    <message>
        <location filename="../../widgets/site_export.py" line="56"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../widgets/site_export.py" line="57"/>
        <source>情况</source>
        <translation>Finding</translation>
    </message>
    <message>
        <location filename="../../widgets/site_export.py" line="58"/>
        <source>扣分</source>
        <translation>Deducts</translation>
    </message>
    <message>
        <location filename="../../widgets/site_export.py" line="59"/>
        <source>整改核验</source>
        <translation>Rectification verified</translation>
    </message>
    <message>
        <location filename="../../widgets/site_export.py" line="67"/>
        <source>否决</source>
        <translation>Veto</translation>
    </message>
    <message>
        <location filename="../../widgets/site_export.py" line="73"/>
        <source>未整改</source>
        <translation>Not rectified</translation>
    </message>
    <message>
        <location filename="../../widgets/site_export.py" line="79"/>
        <source>分数变化</source>
        <translation>Score over time</translation>
    </message>
    <message>
        <location filename="../../widgets/site_export.py" line="82"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../widgets/site_export.py" line="83"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../widgets/site_export.py" line="85"/>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../widgets/site_export.py" line="86"/>
        <source>等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../../widgets/site_export.py" line="99"/>
        <source>相关事件</source>
        <translation>Events at the site</translation>
    </message>
    <message>
        <location filename="../../widgets/site_export.py" line="102"/>
        <source>事件编号</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../../widgets/site_export.py" line="103"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../widgets/site_export.py" line="104"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../widgets/site_export.py" line="105"/>
        <source>上报时间</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location filename="../../widgets/site_export.py" line="141"/>
        <source>突发事件信息报告（{name}）</source>
        <translation>Emergency information report ({name})</translation>
    </message>
    <message>
        <location filename="../../widgets/site_export.py" line="149"/>
        <source>报送单位：{centre}&#x3000;签发人：{signed}&#x3000;报送时间：{at}</source>
        <translation>Reporting unit: {centre}   Signed: {signed}   Sent: {at}</translation>
    </message>
    <message>
        <location filename="../../widgets/site_export.py" line="157"/>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../widgets/site_export.py" line="158"/>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location filename="../../widgets/site_export.py" line="167"/>
        <source>★ 与上次报告相比有变化：{fields}</source>
        <translation>★ Changed since the last report: {fields}</translation>
    </message>
    <message>
        <location filename="../../widgets/site_export.py" line="180"/>
        <source>突发事件信息报告</source>
        <translation>Emergency information report</translation>
    </message>
</context>
<context>
    <name>sites</name>
    <message>
        <location filename="../../desktop/site_work.py" line="62"/>
        <source>没有这个工地</source>
        <translation>No such site</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="63"/>
        <source>评分项不存在或已停用</source>
        <translation>No such rubric item, or it is no longer used</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="64"/>
        <source>未知的隐患来源</source>
        <translation>Unknown source of finding</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="65"/>
        <source>没有这个事件</source>
        <translation>No such event</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="66"/>
        <source>说明过长（最多 500 字）或含有不允许的字符</source>
        <translation>The note is too long (500 characters at most) or holds a character it may not</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="69"/>
        <source>没有这条隐患</source>
        <translation>No such finding</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="70"/>
        <source>这条隐患已核验整改</source>
        <translation>This finding’s rectification is verified already</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="71"/>
        <source>评分项名称不能为空（最多 64 字）</source>
        <translation>An item needs a name (64 characters at most)</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="72"/>
        <source>分值与扣分须在 0–100 之间，非否决项不能为 0</source>
        <translation>Points and deductions are 0–100, and not 0 for an item that is no veto</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="75"/>
        <source>评分细则至少要有一项</source>
        <translation>The rubric needs at least one item</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="76"/>
        <source>统计期须为 1–3660 天</source>
        <translation>The window is 1–3660 days</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="77"/>
        <source>分级标准不成立：各级分数线须从高到低</source>
        <translation>The grading does not hold: cut-offs must fall from grade to grade</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="57"/>
        <source>视频巡查</source>
        <translation>Video patrol</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="58"/>
        <source>受理</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="59"/>
        <source>现场事件</source>
        <translation>Event at the site</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="66"/>
        <source>发现隐患</source>
        <translation>Finding</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="67"/>
        <source>整改核验</source>
        <translation>Rectification verified</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="68"/>
        <source>评分细则调整</source>
        <translation>Rubric edited</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="69"/>
        <source>分级标准调整</source>
        <translation>Grading edited</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="70"/>
        <source>隐患超出统计期</source>
        <translation>Finding left the window</translation>
    </message>
    <message>
        <location filename="../../widgets/site_sheet.py" line="76"/>
        <source>{grade} · {score}分</source>
        <translation>{grade} · {score} points</translation>
    </message>
</context>
<context>
    <name>timefmt</name>
    <message>
        <location filename="../../widgets/timefmt.py" line="34"/>
        <source>{d}天{h}小时</source>
        <translation>{d} d {h} h</translation>
    </message>
    <message>
        <location filename="../../widgets/timefmt.py" line="36"/>
        <source>{h}小时{m}分</source>
        <translation>{h} h {m} min</translation>
    </message>
    <message>
        <location filename="../../widgets/timefmt.py" line="37"/>
        <source>{m}分</source>
        <translation>{m} min</translation>
    </message>
    <message>
        <location filename="../../widgets/timefmt.py" line="43"/>
        <source>剩余 {span}</source>
        <translation>{span} left</translation>
    </message>
    <message>
        <location filename="../../widgets/timefmt.py" line="46"/>
        <source>已超时 {span}</source>
        <translation>Overdue by {span}</translation>
    </message>
</context>
<context>
    <name>upward</name>
    <message>
        <location filename="../../desktop/site_work.py" line="85"/>
        <source>没有这份报送</source>
        <translation>No such report</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="86"/>
        <source>没有这个事件</source>
        <translation>No such event</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="87"/>
        <source>未知的报告项目</source>
        <translation>Unknown report field</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="88"/>
        <source>内容过长（每项最多 2000 字）或含有不允许的字符</source>
        <translation>Too long (2000 characters a field at most) or holds a character it may not</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="91"/>
        <source>已终报，不能再修改</source>
        <translation>The final report is issued: nothing more may change</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="92"/>
        <source>首报已签发，请签发续报或终报</source>
        <translation>The first report is issued: issue a follow-up or the final report</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="93"/>
        <source>请先签发首报</source>
        <translation>Issue the first report first</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="94"/>
        <source>未知的报告类别</source>
        <translation>Unknown kind of report</translation>
    </message>
    <message>
        <location filename="../../desktop/site_work.py" line="95"/>
        <source>签发前请填写：{field}</source>
        <translation>Fill in before issuing: {field}</translation>
    </message>
    <message>
        <location filename="../../widgets/upward_report.py" line="57"/>
        <source>接报时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../widgets/upward_report.py" line="58"/>
        <source>信息来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../widgets/upward_report.py" line="59"/>
        <source>事发时间</source>
        <translation>Occurred</translation>
    </message>
    <message>
        <location filename="../../widgets/upward_report.py" line="60"/>
        <source>事发地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../widgets/upward_report.py" line="61"/>
        <source>事件性质</source>
        <translation>Nature</translation>
    </message>
    <message>
        <location filename="../../widgets/upward_report.py" line="62"/>
        <source>影响范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location filename="../../widgets/upward_report.py" line="63"/>
        <source>伤亡/损失</source>
        <translation>Casualties/losses</translation>
    </message>
    <message>
        <location filename="../../widgets/upward_report.py" line="64"/>
        <source>发展趋势</source>
        <translation>Trend</translation>
    </message>
    <message>
        <location filename="../../widgets/upward_report.py" line="65"/>
        <source>领导到位情况</source>
        <translation>Leaders on site</translation>
    </message>
    <message>
        <location filename="../../widgets/upward_report.py" line="66"/>
        <source>已采取措施</source>
        <translation>Measures taken</translation>
    </message>
    <message>
        <location filename="../../widgets/upward_report.py" line="67"/>
        <source>下一步工作</source>
        <translation>Next steps</translation>
    </message>
    <message>
        <location filename="../../widgets/upward_report.py" line="74"/>
        <source>首报</source>
        <translation>First report</translation>
    </message>
    <message>
        <location filename="../../widgets/upward_report.py" line="76"/>
        <source>终报</source>
        <translation>Final report</translation>
    </message>
    <message>
        <location filename="../../widgets/upward_report.py" line="77"/>
        <source>零,一,二,三,四,五,六,七,八,九,十</source>
        <translation>0,1,2,3,4,5,6,7,8,9,10</translation>
    </message>
    <message>
        <location filename="../../widgets/upward_report.py" line="79"/>
        <source>续报{number}</source>
        <translation>Follow-up {number}</translation>
    </message>
    <message>
        <location filename="../../widgets/upward_report.py" line="85"/>
        <source>电话报告</source>
        <translation>Phone report</translation>
    </message>
    <message>
        <location filename="../../widgets/upward_report.py" line="86"/>
        <source>书面首报</source>
        <translation>Written first report</translation>
    </message>
    <message>
        <location filename="../../widgets/upward_report.py" line="87"/>
        <source>续报</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location filename="../../widgets/upward_report.py" line="300"/>
        <source>★ 与上次报告相比有变化：{fields}</source>
        <translation>★ Changed since the last report: {fields}</translation>
    </message>
    <message>
        <location filename="../../widgets/upward_report.py" line="305"/>
        <source>签发人：{name}  {at}</source>
        <translation>Signed: {name}  {at}</translation>
    </message>
</context>
<context>
    <name>video_messages</name>
    <message>
        <location filename="../../desktop/video_messages.py" line="19"/>
        <source>没有可打开的地址</source>
        <translation>There is no address to open</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="20"/>
        <source>地址或命令过长</source>
        <translation>The address or command is too long</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="21"/>
        <source>地址格式有误，无法解析</source>
        <translation>The address is malformed and cannot be parsed</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="22"/>
        <source>不允许的协议“{detail}”：只能打开 rtsp、http、https 地址</source>
        <translation>Scheme &quot;{detail}&quot; is not allowed: only rtsp, http and https addresses open</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="25"/>
        <source>地址中没有主机名</source>
        <translation>The address names no host</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="26"/>
        <source>地址不能以“-”开头</source>
        <translation>The address must not start with &quot;-&quot;</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="27"/>
        <source>填入 {detail} 的内容以“-”开头，会被播放器当作选项，未打开</source>
        <translation>What fills {detail} begins with “-” and would be taken as a player option: not opened</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="30"/>
        <source>地址中不能有空格或换行</source>
        <translation>The address must not contain spaces or line breaks</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="31"/>
        <source>地址或命令中含有控制字符</source>
        <translation>The address or command contains control characters</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="32"/>
        <source>地址中不能带用户名或密码：请填在单独的用户名、密码栏</source>
        <translation>The address must not carry a user name or password: enter them in the separate user name and password fields</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="35"/>
        <source>播放器命令的引号不成对</source>
        <translation>The player command has unbalanced quotes</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="36"/>
        <source>播放器命令中必须有 {url} 参数</source>
        <translation>The player command must have a {url} argument</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="37"/>
        <source>播放器命令中有未知的占位符 {detail}（可用 {url} {name} {gb_id}）</source>
        <translation>The player command has an unknown placeholder {detail} (available: {url} {name} {gb_id})</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="40"/>
        <source>不能使用会启动其他程序的程序（{detail}）：命令解释器、脚本、nice、sudo、终端等</source>
        <translation>A program that starts other programs cannot be used ({detail}): command interpreters, scripts, nice, sudo, terminals …</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="44"/>
        <source>“{detail}”不是已知的播放器（vlc、cvlc、mpv、ffplay、mplayer、smplayer、PotPlayerMini64）；平台客户端请先按绝对路径登记</source>
        <translation>“{detail}” is not a known player (vlc, cvlc, mpv, ffplay, mplayer, smplayer, PotPlayerMini64); register a platform client by its absolute path first</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="49"/>
        <source>程序“{detail}”尚未登记：平台客户端须由摄像机管理员按绝对路径登记</source>
        <translation>The program “{detail}” is not registered: a camera manager registers platform clients by absolute path</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="52"/>
        <source>程序“{detail}”须写已知播放器的名称，或已登记客户端的绝对路径</source>
        <translation>The program “{detail}” must be a known player&apos;s name or a registered client&apos;s absolute path</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="55"/>
        <source>本机没有可执行的程序“{detail}”</source>
        <translation>There is no executable program “{detail}” on this computer</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="58"/>
        <source>地址被拒绝（{detail}）</source>
        <translation>Address refused ({detail})</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="67"/>
        <source>视频平台地址未配置</source>
        <translation>The video platform&apos;s address is not configured</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="68"/>
        <source>无法连接视频平台（{detail}）</source>
        <translation>Cannot reach the video platform ({detail})</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="69"/>
        <source>视频平台无响应（超时）</source>
        <translation>The video platform does not answer (timeout)</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="70"/>
        <source>视频平台拒绝登录：请检查平台账号</source>
        <translation>The video platform refused the log-in: check the platform account</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="71"/>
        <source>视频平台未能开始播放：{detail}</source>
        <translation>The video platform could not start playing: {detail}</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="72"/>
        <source>视频平台的应答无法识别</source>
        <translation>The video platform&apos;s answer cannot be understood</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="73"/>
        <source>视频平台未给出可打开的地址</source>
        <translation>The video platform gave no address that may be opened</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="85"/>
        <source>文件编码无法识别（应为 UTF-8 或 GBK）</source>
        <translation>The file&apos;s encoding is not recognised (it should be UTF-8 or GBK)</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="88"/>
        <source>文件是空的</source>
        <translation>The file is empty</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="89"/>
        <source>表头中有未知或重复的列“{detail}”</source>
        <translation>The header has an unknown or repeated column &quot;{detail}&quot;</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="90"/>
        <source>缺少必需的列</source>
        <translation>A required column is missing</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="91"/>
        <source>必填</source>
        <translation>required</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="92"/>
        <source>过长</source>
        <translation>too long</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="93"/>
        <source>格式有误</source>
        <translation>malformed</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="94"/>
        <source>不是数字</source>
        <translation>not a number</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="95"/>
        <source>超出范围</source>
        <translation>out of range</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="96"/>
        <source>不存在“{detail}”</source>
        <translation>&quot;{detail}&quot; does not exist</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="97"/>
        <source>与第 {detail} 行重复</source>
        <translation>repeats line {detail}</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="98"/>
        <source>列数多于表头</source>
        <translation>more cells than the header</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="99"/>
        <source>位置不在本辖区内</source>
        <translation>the position is outside the area</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="108"/>
        <source>第 {line} 行</source>
        <translation>Line {line}</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="110"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="113"/>
        <source>“{column}”列</source>
        <translation> column &quot;{column}&quot;</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="116"/>
        <source>{where}：{reason}</source>
        <translation>{where}: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="125"/>
        <source>共 {n} 处问题（仅列出前 {shown} 处），未导入任何摄像机</source>
        <translation>{n} problems (only the first {shown} listed); no camera was imported</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="128"/>
        <source>共 {n} 处问题，未导入任何摄像机</source>
        <translation>{n} problems; no camera was imported</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="136"/>
        <source>没有这个视频系统</source>
        <translation>There is no such video system</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="138"/>
        <source>打开方式只能是 player、handler 或 wvp</source>
        <translation>The launch must be player, handler or wvp</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="140"/>
        <source>播放器命令</source>
        <translation>Player command</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="141"/>
        <source>平台地址</source>
        <translation>Platform address</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="142"/>
        <source>平台账号</source>
        <translation>Platform user</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="143"/>
        <source>平台密码</source>
        <translation>Platform password</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="144"/>
        <source>客户端程序</source>
        <translation>Client program</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="147"/>
        <source>{field}过长或含有不能保存的字符，未作任何更改</source>
        <translation>{field} is too long or holds characters that cannot be stored; nothing was changed</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="158"/>
        <source>请填写轮巡名称</source>
        <translation>Please enter the tour&apos;s name</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="159"/>
        <source>轮巡名称过长</source>
        <translation>The tour&apos;s name is too long</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="160"/>
        <source>停留时间应为 1–3600 秒</source>
        <translation>The dwell time must be 1–3600 seconds</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="161"/>
        <source>轮巡中至少要有一个摄像机</source>
        <translation>A tour needs at least one camera</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="162"/>
        <source>轮巡中的摄像机过多</source>
        <translation>The tour has too many cameras</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="163"/>
        <source>轮巡中有已不存在的摄像机</source>
        <translation>The tour holds a camera that no longer exists</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="164"/>
        <source>该轮巡已被删除</source>
        <translation>This tour has been deleted</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="165"/>
        <source>没有这次巡查</source>
        <translation>There is no such patrol</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="166"/>
        <source>这是其他操作员的巡查</source>
        <translation>This is another operator&apos;s patrol</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="167"/>
        <source>巡查已结束</source>
        <translation>The patrol has ended</translation>
    </message>
    <message>
        <location filename="../../desktop/video_messages.py" line="168"/>
        <source>这一站已记录</source>
        <translation>This stop is recorded already</translation>
    </message>
</context>
</TS>
