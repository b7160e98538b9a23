<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AlarmPanel</name>
    <message>
        <location filename="../../widgets/alarm_panel.py" line="148"/>
        <source>超时 {overdue} 项，其中升级 {escalated} 项</source>
        <translation>{overdue} overdue, {escalated} of them escalated</translation>
    </message>
</context>
<context>
    <name>AlarmTableModel</name>
    <message>
        <location filename="../../widgets/alarm_panel.py" line="51"/>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../widgets/alarm_panel.py" line="52"/>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../widgets/alarm_panel.py" line="53"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../widgets/alarm_panel.py" line="54"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../widgets/alarm_panel.py" line="55"/>
        <source>时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../widgets/alarm_panel.py" line="56"/>
        <source>截止时间</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../widgets/alarm_panel.py" line="57"/>
        <source>已超时</source>
        <translation>Overdue by</translation>
    </message>
    <message>
        <location filename="../../widgets/alarm_panel.py" line="58"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
</context>
<context>
    <name>EventQueuePanel</name>
    <message>
        <location filename="../../widgets/event_queue.py" line="468"/>
        <source>搜索编号、地址、描述…（Ctrl+F）</source>
        <translation>Search code, address, description… (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="471"/>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="472"/>
        <source>未结事件</source>
        <translation>Open events</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="475"/>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="476"/>
        <source>全部来源</source>
        <translation>All sources</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="479"/>
        <source>全部优先级</source>
        <translation>All priorities</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="482"/>
        <source>全部预警</source>
        <translation>All alarm levels</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="486"/>
        <source>全部社区</source>
        <translation>All communities</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="487"/>
        <source>全部网格</source>
        <translation>All grids</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="488"/>
        <source>上报日期</source>
        <translation>Reported between</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="496"/>
        <source>已存筛选</source>
        <translation>Saved filters</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="497"/>
        <location filename="../../widgets/event_queue.py" line="713"/>
        <source>保存筛选</source>
        <translation>Save filter</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="498"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="713"/>
        <source>筛选名称：</source>
        <translation>Filter name:</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="752"/>
        <source>显示 {shown} / 共 {total} 件 · 超时 {overdue}</source>
        <translation>Showing {shown} of {total} · {overdue} overdue</translation>
    </message>
</context>
<context>
    <name>EventTableModel</name>
    <message>
        <location filename="../../widgets/event_queue.py" line="202"/>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="203"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="204"/>
        <source>优先级</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="205"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="206"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="207"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="208"/>
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="209"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="210"/>
        <source>描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="211"/>
        <source>上报时间</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="212"/>
        <source>办结时限</source>
        <translation>Close by</translation>
    </message>
    <message>
        <location filename="../../widgets/event_queue.py" line="213"/>
        <source>预警</source>
        <translation>Warning</translation>
    </message>
</context>
<context>
    <name>GuiSession</name>
    <message>
        <location filename="../../desktop/app.py" line="172"/>
        <source>截图超时：数据或地图未能加载</source>
        <translation>Screenshot timed out: the data or the map did not load</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="182"/>
        <source>无法写入截图 {path}</source>
        <translation>Cannot write the screenshot {path}</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../widgets/login_dialog.py" line="34"/>
        <source>GridDesk 网格指挥台 — 登录</source>
        <translation>GridDesk — Log in</translation>
    </message>
    <message>
        <location filename="../../widgets/login_dialog.py" line="49"/>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../widgets/login_dialog.py" line="50"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../widgets/login_dialog.py" line="52"/>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../widgets/login_dialog.py" line="53"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../widgets/login_dialog.py" line="54"/>
        <source>岗位</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../widgets/login_dialog.py" line="66"/>
        <source>请输入账号和密码</source>
        <translation>Enter your account and password</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="59"/>
        <source>GridDesk 网格指挥台 — {post} · {name}</source>
        <translation>GridDesk — {post} · {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="81"/>
        <source>值班(&amp;S)</source>
        <translation>&amp;Shift</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="82"/>
        <source>锁定屏幕</source>
        <translation>Lock screen</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="85"/>
        <source>恢复默认布局</source>
        <translation>Restore default layout</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="86"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="90"/>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="98"/>
        <source>操作员：{name}（{user}）</source>
        <translation>Operator: {name} ({user})</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="103"/>
        <source>岗位：{post}</source>
        <translation>Post: {post}</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="107"/>
        <source>数据库：{db}</source>
        <translation>Database: {db}</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="245"/>
        <source>模式：{mode}</source>
        <translation>Mode: {mode}</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="249"/>
        <source>● 已连接</source>
        <translation>● Connected</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="252"/>
        <source>● 数据库断开，正在重试</source>
        <translation>● Database lost, retrying</translation>
    </message>
</context>
<context>
    <name>MapPanel</name>
    <message>
        <location filename="../../widgets/map_panel.py" line="450"/>
        <source>事件状态</source>
        <extracomment>Schemes the map page may request. Everything else (http, https, ws, file, ftp, ...) is blocked, so a marker, a CSS rule or injected markup can never reach the network or the disk.</extracomment>
        <translation>Event state</translation>
    </message>
    <message>
        <location filename="../../widgets/map_panel.py" line="451"/>
        <source>已上报</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location filename="../../widgets/map_panel.py" line="452"/>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../widgets/map_panel.py" line="453"/>
        <source>已派遣</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <location filename="../../widgets/map_panel.py" line="454"/>
        <source>已响应</source>
        <translation>Responded</translation>
    </message>
    <message>
        <location filename="../../widgets/map_panel.py" line="455"/>
        <source>已办结</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../widgets/map_panel.py" line="456"/>
        <source>预警</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../widgets/map_panel.py" line="457"/>
        <source>超时</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../widgets/map_panel.py" line="458"/>
        <source>升级</source>
        <translation>Escalated</translation>
    </message>
</context>
<context>
    <name>PanelManager</name>
    <message>
        <location filename="../../desktop/panels.py" line="84"/>
        <source>事件队列</source>
        <translation>Event queue</translation>
    </message>
    <message>
        <location filename="../../desktop/panels.py" line="89"/>
        <source>一图总览</source>
        <translation>Live map</translation>
    </message>
    <message>
        <location filename="../../desktop/panels.py" line="93"/>
        <source>超时预警</source>
        <translation>Timeout alarms</translation>
    </message>
    <message>
        <location filename="../../desktop/panels.py" line="99"/>
        <source>视频联动</source>
        <translation>Video links</translation>
    </message>
</context>
<context>
    <name>ScreenLock</name>
    <message>
        <location filename="../../widgets/login_dialog.py" line="96"/>
        <source>屏幕已锁定</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <location filename="../../widgets/login_dialog.py" line="100"/>
        <source>{name}，屏幕因闲置已锁定。请输入密码解锁。</source>
        <translation>{name}, the screen locked after being idle. Enter your password to unlock it.</translation>
    </message>
    <message>
        <location filename="../../widgets/login_dialog.py" line="118"/>
        <source>密码错误</source>
        <translation>Wrong password</translation>
    </message>
</context>
<context>
    <name>VideoLinksPanel</name>
    <message>
        <location filename="../../widgets/video_links.py" line="29"/>
        <source>搜索摄像机名称、国标编码、网格…</source>
        <translation>Search camera name, GB/T 28181 id, grid…</translation>
    </message>
    <message>
        <location filename="../../widgets/video_links.py" line="33"/>
        <source>社区 / 网格 / 摄像机</source>
        <translation>Community / grid / camera</translation>
    </message>
    <message>
        <location filename="../../widgets/video_links.py" line="33"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../widgets/video_links.py" line="33"/>
        <source>国标编码</source>
        <translation>GB/T 28181 id</translation>
    </message>
    <message>
        <location filename="../../widgets/video_links.py" line="33"/>
        <source>系统</source>
        <translation>System</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <location filename="../../desktop/cli.py" line="40"/>
        <source>数据库地址 (SQLite 或 postgresql+psycopg://…)，默认 GRIDDESK_DB 或用户数据目录</source>
        <translation>database URL (SQLite or postgresql+psycopg://…); default GRIDDESK_DB or the user data directory</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="44"/>
        <source>GridDesk 网格指挥台</source>
        <translation>GridDesk command-and-dispatch desk</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="48"/>
        <source>岗位</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="50"/>
        <source>操作员账号</source>
        <translation>operator account</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="54"/>
        <source>空库时生成演示数据并以演示账号登录</source>
        <translation>seed demo data into an empty database and log in a demo operator</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="59"/>
        <source>加载完成后截图到 PNG 文件并退出</source>
        <translation>when loaded, write a PNG screenshot and exit</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="65"/>
        <source>界面语言</source>
        <translation>interface language</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="70"/>
        <source>数据库维护</source>
        <translation>database maintenance</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="73"/>
        <source>升级数据库结构到最新版本</source>
        <translation>upgrade the database schema to the newest version</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="78"/>
        <source>演示数据</source>
        <translation>demo data</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="80"/>
        <source>生成演示片区与事件</source>
        <translation>seed the demo area and events</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="86"/>
        <source>统计数字</source>
        <translation>counts</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="91"/>
        <source>导出</source>
        <translation>export</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="95"/>
        <source>导出社区、网格与执法片区为 GeoJSON (WGS-84)</source>
        <translation>export communities, grids and enforcement zones as GeoJSON (WGS-84)</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="160"/>
        <source>数据库已是最新结构：{revision}</source>
        <translation>The database schema is current: {revision}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="166"/>
        <source>数据库结构已升级：{before} → {after}</source>
        <translation>Database schema upgraded: {before} → {after}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="181"/>
        <source>数据库中已有片区数据，未作任何更改。</source>
        <translation>The database already holds an area; nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="220"/>
        <source>无法写入文件 {path}：{reason}</source>
        <translation>Cannot write {path}: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/cli.py" line="227"/>
        <source>已导出 {n} 个要素到 {path}</source>
        <translation>Exported {n} features to {path}</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../widgets/labels.py" line="17"/>
        <source>已上报</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="18"/>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="19"/>
        <source>已派遣</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="20"/>
        <source>已响应</source>
        <translation>Responded</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="21"/>
        <source>已办结</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="22"/>
        <source>已结案</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="23"/>
        <source>已退回</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="30"/>
        <source>一般</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="31"/>
        <source>紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="32"/>
        <source>特急</source>
        <translation>Critical</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="39"/>
        <source>网格员巡查</source>
        <translation>Grid patrol</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="40"/>
        <source>12345热线</source>
        <translation>12345 hotline</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="41"/>
        <source>物联感知</source>
        <translation>IoT device</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="42"/>
        <location filename="../../widgets/labels.py" line="74"/>
        <source>视频巡查</source>
        <translation>Video patrol</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="43"/>
        <source>群众上报</source>
        <translation>Resident</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="44"/>
        <source>信访</source>
        <translation>Petition</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="45"/>
        <source>公安预警</source>
        <translation>Police warning</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="53"/>
        <source>预警</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="54"/>
        <source>超时</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="55"/>
        <source>升级</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="62"/>
        <source>受理时限</source>
        <translation>Accept by</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="63"/>
        <source>响应时限</source>
        <translation>Respond by</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="64"/>
        <source>办结时限</source>
        <translation>Close by</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="71"/>
        <source>值班长</source>
        <translation>Duty chief</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="72"/>
        <source>受理</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="73"/>
        <source>调度</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="81"/>
        <source>常态</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="82"/>
        <source>应急</source>
        <translation>Emergency</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="89"/>
        <source>街面</source>
        <translation>Street</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="90"/>
        <source>工地</source>
        <translation>Site</translation>
    </message>
    <message>
        <location filename="../../widgets/labels.py" line="91"/>
        <source>出入口</source>
        <translation>Entrance</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../desktop/messages.py" line="15"/>
        <source>无法解析数据库地址 {target}</source>
        <translation>Cannot parse the database URL {target}</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="16"/>
        <source>只支持 SQLite 和 PostgreSQL 数据库，不支持 {target}</source>
        <translation>Only SQLite and PostgreSQL are supported, not {target}</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="19"/>
        <source>{target} 不是数据库文件，请检查 --db 参数</source>
        <translation>{target} is not a database file: check --db</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="22"/>
        <source>无法打开数据库文件 {target}，请检查路径与权限</source>
        <translation>Cannot open the database file {target}: check the path and permissions</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="25"/>
        <source>无法连接数据库 {target}：{detail}。请检查地址与服务器是否运行</source>
        <translation>Cannot reach the database {target}: {detail}. Check the address and that the server runs</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="28"/>
        <source>数据库 {target} 的结构较旧，请先运行 python main.py db upgrade</source>
        <translation>The database {target} has an older schema: run python main.py db upgrade first</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="31"/>
        <source>数据库 {target} 已被更新版本的 GridDesk 升级，请更新本程序</source>
        <translation>The database {target} was upgraded by a newer GridDesk: update this installation</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="34"/>
        <source>数据库 {target} 是空的，请先运行 python main.py db upgrade</source>
        <translation>The database {target} is empty: run python main.py db upgrade</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="37"/>
        <source>{target} 中的表不属于 GridDesk，未作任何更改</source>
        <translation>{target} holds tables that are not GridDesk&apos;s; nothing was changed</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="48"/>
        <source>登录失败次数过多，账号已锁定至 {time}</source>
        <translation>Too many failed log-ins: the account is locked until {time}</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="52"/>
        <source>该账号不能在此岗位值班</source>
        <translation>This account may not take this post</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="54"/>
        <source>该账号已停用</source>
        <translation>This account is disabled</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="55"/>
        <source>账号或密码错误</source>
        <translation>Wrong account or password</translation>
    </message>
</context>
<context>
    <name>timefmt</name>
    <message>
        <location filename="../../widgets/timefmt.py" line="29"/>
        <source>{d}天{h}小时</source>
        <translation>{d} d {h} h</translation>
    </message>
    <message>
        <location filename="../../widgets/timefmt.py" line="31"/>
        <source>{h}小时{m}分</source>
        <translation>{h} h {m} min</translation>
    </message>
    <message>
        <location filename="../../widgets/timefmt.py" line="32"/>
        <source>{m}分</source>
        <translation>{m} min</translation>
    </message>
</context>
</TS>
