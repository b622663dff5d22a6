import './style.css';
import '../../components/ui/switch.css';
import '../../components/thread/thread.css';
import { bootExtensionPage } from '../../components/ui/boot';

bootExtensionPage(() => import('./app'));
